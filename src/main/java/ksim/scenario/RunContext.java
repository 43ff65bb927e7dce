package ksim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What all interpreters of one scenario run share: the trace output, the name registry, expect failures. */
final class RunContext {
    final String file;
    final Consumer<String> trace;
    final NameRegistry names = new NameRegistry();
    final List<String> failures = new ArrayList<>();

    RunContext(String file, Consumer<String> trace) {
        this.file = file;
        this.trace = trace;
    }
}
