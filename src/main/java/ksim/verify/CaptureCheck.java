package ksim.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import ksim.scenario.Ast;
import ksim.scenario.Capture;
import ksim.scenario.InputFile;
import ksim.scenario.Parser;
import ksim.scenario.ProcDump;
import ksim.scenario.ProcGolden;
import ksim.scenario.Recorder;
import ksim.scenario.ToolCapture;
import ksim.scenario.TraceCompare;
import ksim.tools.RealTools;
import ksim.tools.ToolGolden;

/**
 * A golden capture of a moment of a scenario on the real kernel: inspect/NAME.proc (every
 * task's stat, status and sched; compared by {@link ProcGolden}'s rules, host values by
 * shape) or inspect/NAME.ps (what procps ps and psmisc pstree print over it; compared by
 * {@link ToolGolden}'s), taken again at the golden's time.
 */
record CaptureCheck(Path scenario, Of of, Duration timeout) implements Check {
    /** What a capture holds: /proc files, or the real tools' output. */
    enum Of {
        PROC("/proc", ".proc"), PS("ps", ".ps");

        final String kind;
        final String ext;

        Of(String kind, String ext) {
            this.kind = kind;
            this.ext = ext;
        }

        List<String> differences(List<ProcGolden.Capture> golden, Map<String, String> got) {
            BiPredicate<String, String> noneKnown = (a, b) -> false;
            return this == PROC ? ProcGolden.differences(golden, got, noneKnown)
                    : ToolGolden.differences(golden, got, noneKnown);
        }
    }

    @Override
    public String kind() {
        return of.kind;
    }

    @Override
    public String name() {
        return TraceCompare.sibling(scenario, of.ext).toString();
    }

    @Override
    public boolean measured() {
        return false;
    }

    @Override
    public String skip() {
        String why = Host.cpusMissing(scenario);
        if (why != null || of == Of.PROC) {
            return why;
        }
        why = RealTools.unavailable();
        if (why == null) {
            try {
                why = RealTools.otherVersions();
            } catch (Exception e) {
                why = "cannot ask ps and pstree their versions: " + e.getMessage();
            }
        }
        return why;
    }

    @Override
    public Attempt attempt() throws Exception {
        List<ProcGolden.Capture> golden = ProcGolden.parse(
                new String(InputFile.readBytes(Path.of(name())), StandardCharsets.ISO_8859_1));
        if (golden.isEmpty()) {
            return Attempt.broken(name() + " holds no capture");
        }
        long at = ProcGolden.parseTime(ProcGolden.at(golden.get(0)));
        Ast.Scenario sc = Parser.parseFile(scenario);
        Map<String, String> got;
        try {
            got = of == Of.PROC ? files(sc, at) : tools(sc, at, golden.get(0).files().keySet());
        } catch (Recorder.Unavailable | Recorder.Failure | NoCapture e) {
            return Attempt.broken(e.getMessage());
        }
        // two captures agree when the golden's rules say so, the first taken as the golden
        return new Attempt(of.differences(golden, got), got, (a, b) -> of.differences(
                List.of(new ProcGolden.Capture("", cast(a))), cast(b)).isEmpty());
    }

    /** The capture has nothing to compare; the message says why. */
    private static final class NoCapture extends Exception {
        private static final long serialVersionUID = 1L;

        NoCapture(String why) {
            super(why);
        }
    }

    private Map<String, String> files(Ast.Scenario sc, long at) throws Exception {
        Capture.Result<Map<String, String>> r = Capture.capture(sc, at, v -> {
            Map<String, String> files = new LinkedHashMap<>();
            for (String p : ProcDump.allTaskPaths(v)) {
                files.put(p, v.read(p));
            }
            return files;
        }, timeout);
        if (!r.started()) {
            throw new NoCapture("main never started: " + r.errors().strip());
        }
        return r.value();
    }

    private Map<String, String> tools(Ast.Scenario sc, long at, Iterable<String> commandLines) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        commandLines.forEach(c -> commands.add(List.of(c.split(" "))));
        Capture.Result<List<ToolCapture.Output>> r = ToolCapture.capture(sc, at, commands, timeout);
        if (!r.started()) {
            throw new NoCapture("main never started: " + r.errors().strip());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (ToolCapture.Output o : r.value()) {
            if (o.error() != null) {
                throw new NoCapture(o.commandLine() + ": " + o.error());
            }
            out.put(o.commandLine(), o.text());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cast(Object o) {
        return (Map<String, String>) o;
    }
}
