package ksim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ksim.scenario.Ast;
import ksim.scenario.Capture;
import ksim.scenario.ProcDump;
import ksim.scenario.Recorder;
import ksim.scenario.ToolCapture;
import ksim.tools.RealTools;

/** {@code ksim capture FILE --at TIME --ps FORMAT --pstree ARGS}: the real tools over the scenario's /proc. */
final class CaptureTools {
    private CaptureTools() {}

    static int run(Ast.Scenario sc, long at, List<String> ps, List<String> pstree, Path output, Duration timeout)
            throws IOException, InterruptedException {
        List<List<String>> commands = new ArrayList<>();
        for (String f : ps) {
            commands.add(argv("ps", f));
        }
        for (String a : pstree) {
            commands.add(argv("pstree", a));
        }
        Capture.Result<List<ToolCapture.Output>> r;
        try {
            r = ToolCapture.capture(sc, at, commands, timeout);
        } catch (Recorder.Unavailable e) {
            System.err.println("ksim capture: " + e.getMessage());
            return 2;
        } catch (Recorder.Failure e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        System.err.print(r.errors());
        if (!r.started()) {
            System.err.println("ksim capture: " + sc.file() + ": main did not start within " + timeout.toSeconds()
                    + " s");
            return 2;
        }
        // other versions print other things: say so, since the output is then no golden for ksim.tools
        String versions = RealTools.otherVersions();
        if (versions != null) {
            System.err.println("ksim capture: warning: " + versions);
        }
        StringBuilder text = new StringBuilder();
        List<String> errors = new ArrayList<>();
        boolean sections = commands.size() > 1;
        if (sections) {
            text.append(header(sc, at, ps, pstree)).append('\n');
        }
        for (ToolCapture.Output o : r.value()) {
            if (o.error() != null) {
                errors.add(o.error());
                continue;
            }
            if (sections) {
                text.append(ProcDump.header(o.commandLine())).append('\n');
            }
            text.append(o.text());
        }
        return CatCommand.print(new ProcDump.Out(text.toString(), errors), "capture", null, output);
    }

    /** The tool's argument vector: its name, then the option string split at spaces ("-e -f"). */
    static List<String> argv(String tool, String options) {
        List<String> out = new ArrayList<>(List.of(tool));
        out.addAll(Arrays.stream(options.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList());
        return out;
    }

    /** The first line of a several-command capture: how to make it again (as the inspect/NAME.ps goldens start). */
    static String header(Ast.Scenario sc, long at, List<String> ps, List<String> pstree) {
        StringBuilder h = new StringBuilder("# ksim capture " + sc.file() + " --at " + CatCommand.formatTime(at));
        for (String f : ps) {
            h.append(" --ps=").append(quote(f.trim()));
        }
        for (String a : pstree) {
            h.append(" --pstree=").append(quote(a.trim()));
        }
        return h.toString();
    }

    /** A word as a shell reads it back: in single quotes when it holds more than option characters. */
    static String quote(String w) {
        return w.matches("[A-Za-z0-9_=.,/+-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }
}
