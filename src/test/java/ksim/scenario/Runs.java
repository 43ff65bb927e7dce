package ksim.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import ksim.kernel.Invariants;
import ksim.kernel.KernelConfig;

/** Test helper: run a scenario with the invariant checker after every event. */
public final class Runs {
    private Runs() {}

    public record Run(String trace, ScenarioRunner.Outcome outcome) {}

    public static Run run(String file, String src) {
        try {
            return run(Parser.parse(file, src), null);
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public static Run run(Ast.Scenario sc, Long seed) {
        StringBuilder sb = new StringBuilder();
        KernelConfig cfg = ScenarioRunner.config(sc, new ScenarioRunner.Options(seed, null));
        ScenarioRunner.Outcome o = ScenarioRunner.boot(sc, cfg, line -> sb.append(line).append('\n'));
        o.kernel().afterEvent = () -> {
            List<String> bad = Invariants.check(o.kernel());
            if (!bad.isEmpty()) {
                fail("invariants broken at t=" + o.kernel().now() + "ns in " + sc.file() + ":\n  "
                        + String.join("\n  ", bad) + "\ntrace so far:\n" + sb);
            }
        };
        o.kernel().run();
        return new Run(sb.toString(), o);
    }
}
