package ksim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What all interpreters of one scenario run share: the trace output, the name registry, expect failures. */
final class RunContext {
    final String file;
    final Consumer<String> trace;
    /** The slot of each name the scenario reads, in every task's memory. */
    final NameSlots slots;
    final NameRegistry names;
    final List<String> failures = new ArrayList<>();
    /**
     * main, once its exec of itself has returned to user mode and its block is about to run,
     * and the time that happened: the origin of {@code ksim cat --at} (the C runtime writes its
     * capture mark at the same point).
     */
    ksim.kernel.task.Task main;
    /** The kernel the scenario runs on (for the time main starts). */
    ksim.kernel.Kernel kernel;
    long mainStartNs = -1;

    RunContext(Ast.Scenario sc, Consumer<String> trace) {
        this.file = sc.file();
        this.trace = trace;
        this.slots = NameSlots.of(sc.main());
        this.names = new NameRegistry(slots);
    }
}
