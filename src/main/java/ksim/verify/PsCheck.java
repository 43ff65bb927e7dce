package ksim.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ksim.scenario.Capture;
import ksim.scenario.Parser;
import ksim.scenario.ProcGolden;
import ksim.scenario.Recorder;
import ksim.scenario.ToolCapture;
import ksim.scenario.TraceCompare;
import ksim.tools.RealTools;
import ksim.tools.ToolGolden;

/**
 * A golden ps/pstree capture (inspect/NAME.ps): the real procps ps and psmisc pstree run again
 * over the scenario's /proc at the golden's time, compared by {@link ToolGolden}'s rules.
 */
record PsCheck(Path scenario, Duration timeout) implements Check {
    @Override
    public String kind() {
        return "ps";
    }

    @Override
    public String name() {
        return TraceCompare.sibling(scenario, ".ps").toString();
    }

    @Override
    public boolean measured() {
        return false;
    }

    @Override
    public String skip() {
        String why = Host.cpusMissing(scenario);
        if (why == null) {
            why = RealTools.unavailable();
        }
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
        List<ProcGolden.Capture> golden = ProcGolden.parse(Files.readString(Path.of(name()), StandardCharsets.ISO_8859_1));
        if (golden.isEmpty()) {
            return Attempt.broken(name() + " holds no capture");
        }
        long at = ProcGolden.parseTime(ProcGolden.at(golden.get(0)));
        List<List<String>> commands = new ArrayList<>();
        for (String c : golden.get(0).files().keySet()) {
            commands.add(List.of(c.split(" ")));
        }
        Capture.Result<List<ToolCapture.Output>> r;
        try {
            r = ToolCapture.capture(Parser.parseFile(scenario), at, commands, timeout);
        } catch (Recorder.Unavailable | Recorder.Failure e) {
            return Attempt.broken(e.getMessage());
        }
        if (!r.started()) {
            return Attempt.broken("main never started: " + r.errors().strip());
        }
        Map<String, String> fresh = new LinkedHashMap<>();
        for (ToolCapture.Output o : r.value()) {
            if (o.error() != null) {
                return Attempt.broken(o.commandLine() + ": " + o.error());
            }
            fresh.put(o.commandLine(), o.text());
        }
        return new Attempt(ToolGolden.differences(golden, fresh, (command, column) -> false), fresh, PsCheck::same);
    }

    @SuppressWarnings("unchecked")
    static boolean same(Object a, Object b) {
        return ToolGolden.differences(List.of(new ProcGolden.Capture("", (Map<String, String>) a)),
                (Map<String, String>) b, (command, column) -> false).isEmpty();
    }
}
