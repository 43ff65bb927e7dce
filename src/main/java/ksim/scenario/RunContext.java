package ksim.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** What all interpreters of one scenario run share: the trace output, the name registry, expect failures. */
final class RunContext {
    final String file;
    final Consumer<String> trace;
    /** The slot of each name the scenario reads, in every task's memory. */
    final NameSlots slots;
    final NameRegistry names;
    final List<String> failures = new ArrayList<>();
    /** The expect statements some task has run: the others were not reached (RunEnd). */
    final Set<Ast.Expect> reached = Collections.newSetFromMap(new IdentityHashMap<>());
    /** A scenario error found while running ({@code FILE:LINE:COL: message}); the machine is stopped then. */
    String error;
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

    /** A scenario error at {@code pos} that the parser could not see: reported as a parse error would be, and the run stops. */
    void error(Ast.Pos pos, String message) {
        error = file + ":" + pos.line() + ":" + pos.col() + ": " + message;
        kernel.stop(error);
    }
}
