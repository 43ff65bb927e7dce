package ksim.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ksim.scenario.Ast;
import ksim.scenario.Capture;
import ksim.scenario.Parser;
import ksim.scenario.ProcDump;
import ksim.scenario.ProcGolden;
import ksim.scenario.Recorder;
import ksim.scenario.TraceCompare;

/**
 * A golden /proc capture (inspect/NAME.proc): every task's stat, status and sched read again
 * at the golden's time, compared by {@link ProcGolden}'s rules (host values by shape).
 */
record ProcCheck(Path scenario, Duration timeout) implements Check {
    @Override
    public String kind() {
        return "/proc";
    }

    @Override
    public String name() {
        return TraceCompare.sibling(scenario, ".proc").toString();
    }

    @Override
    public boolean measured() {
        return false;
    }

    @Override
    public String skip() {
        return Host.cpusMissing(scenario);
    }

    @Override
    public Attempt attempt() throws Exception {
        List<ProcGolden.Capture> golden = ProcGolden.parse(Files.readString(Path.of(name()), StandardCharsets.ISO_8859_1));
        if (golden.isEmpty()) {
            return Attempt.broken(name() + " holds no capture");
        }
        long at = ProcGolden.parseTime(ProcGolden.at(golden.get(0)));
        Ast.Scenario sc = Parser.parseFile(scenario);
        Capture.Result<Map<String, String>> r;
        try {
            r = Capture.capture(sc, at, v -> {
                Map<String, String> files = new LinkedHashMap<>();
                for (String p : ProcDump.allTaskPaths(v)) {
                    files.put(p, v.read(p));
                }
                return files;
            }, timeout);
        } catch (Recorder.Unavailable | Recorder.Failure e) {
            return Attempt.broken(e.getMessage());
        }
        if (!r.started()) {
            return Attempt.broken("main never started: " + r.errors().strip());
        }
        return new Attempt(ProcGolden.differences(golden, r.value(), (path, field) -> false), r.value(),
                ProcCheck::same);
    }

    /** Two captures agree by the golden's rules, the first taken as the golden. */
    @SuppressWarnings("unchecked")
    static boolean same(Object a, Object b) {
        return ProcGolden.differences(List.of(new ProcGolden.Capture("", (Map<String, String>) a)),
                (Map<String, String>) b, (path, field) -> false).isEmpty();
    }
}
