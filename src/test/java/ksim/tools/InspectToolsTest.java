package ksim.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ksim.kernel.proc.ProcView;
import ksim.scenario.Ast;
import ksim.scenario.Parser;
import ksim.scenario.ProcGolden;
import ksim.scenario.ScenarioRunner;
import ksim.scenario.TraceCompare;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * inspect/: {@code ksim ps FILE --at 300ms -ef}, {@code ksim ps ... axjf} and
 * {@code ksim pstree ... -A -p} against what the real procps ps and psmisc pstree printed for
 * the same scenario at the same moment on the real kernel (inspect/NAME.ps, made with
 * {@code ksim capture NAME.ksim --at 300ms --ps=-ef --ps=axjf --pstree='-A -p'}, three times).
 * {@link ToolGolden} says what is compared exactly and what by shape; {@link #KNOWN} lists what
 * ksim still gets wrong (nothing, for now).
 */
class InspectToolsTest {
    static final Path DIR = Path.of("inspect");

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".ksim")).sorted().toList().stream();
        }
    }

    static Path golden(Path ksim) {
        return TraceCompare.sibling(ksim, ".ps");
    }

    /** A column ksim is known to show differently from the real tools: scenario ("*": any), command, column. */
    record Known(String scenario, String command, String column, String why) {
        boolean covers(String sc, String cmd, String col) {
            return (scenario.equals("*") || scenario.equals(sc)) && command.equals(cmd) && column.equals(col);
        }
    }

    static final List<Known> KNOWN = List.of();

    static boolean known(String scenario, String command, String column) {
        return KNOWN.stream().anyMatch(k -> k.covers(scenario, command, column));
    }

    static List<ProcGolden.Capture> captures(Path ksim) throws IOException {
        List<ProcGolden.Capture> real = ProcGolden.parse(Files.readString(golden(ksim), StandardCharsets.ISO_8859_1));
        assertFalse(real.isEmpty(), golden(ksim) + " holds no capture");
        return real;
    }

    /** ksim's output for each of the golden's command lines, over its /proc at the golden's time. */
    static Map<String, String> simulate(Path ksim, ProcGolden.Capture golden) throws Exception {
        Ast.Scenario sc = Parser.parseFile(ksim);
        Long ns = ProcGolden.parseTime(ProcGolden.at(golden));
        assertNotNull(ns, "bad --at in " + golden.header());
        ScenarioRunner.Inspection in = ScenarioRunner.inspect(sc, ScenarioRunner.Options.NONE, ns, false);
        assertTrue(in.mainStarted());
        ProcView v = in.proc();
        Map<String, String> out = new LinkedHashMap<>();
        for (String command : golden.files().keySet()) {
            // ksim ps and ksim pstree's own settings: the simulated clock, UTC, only root named, a pipe
            out.put(command, ToolCheck.ours(v, List.of(command.split(" ")), Ps.Options.defaults()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void matchesTheRealTools(Path ksim) throws Exception {
        List<ProcGolden.Capture> real = captures(ksim);
        String name = ksim.getFileName().toString().replace(".ksim", "");
        List<String> diff = ToolGolden.differences(real, simulate(ksim, real.get(0)),
                (command, column) -> known(name, command, column));
        assertTrue(diff.isEmpty(), ksim + " differs from the real tools:\n" + String.join("\n", diff));
    }
}
