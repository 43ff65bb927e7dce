package ksim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ksim.kernel.proc.ProcView;
import ksim.kernel.proc.RealProcView;
import org.junit.jupiter.api.Assumptions;

/** Runs a ps or pstree command line both ways over one /proc snapshot and insists on the same bytes. */
final class ToolCheck {
    private ToolCheck() {}

    /**
     * Skips the test unless the real tools can run here (Linux, root, unshare, ps, pstree) and
     * are procps-ng 4.0.2's ps and psmisc 23.6's pstree.
     */
    static void assumeRealTools() throws IOException, InterruptedException {
        String why = RealTools.unavailable();
        Assumptions.assumeTrue(why == null, why);
        why = RealTools.otherVersions();
        Assumptions.assumeTrue(why == null, why);
    }

    /**
     * @param commandLine e.g. "ps -ef" or "pstree -A -p 5"
     */
    static void same(Path procDir, String commandLine, String tz, int columns, List<Integer> ptsNodes)
            throws IOException, InterruptedException {
        List<String> argv = Arrays.asList(commandLine.trim().split("\\s+"));
        long now = System.currentTimeMillis() / 1000;
        String real = RealTools.run(procDir, argv, new RealTools.Env(tz, columns, ptsNodes, false));
        String ours = ours(procDir, argv, tz, columns, now);
        if (!commandLine.endsWith(" 999")) { // a PID that is not there: pstree prints nothing
            assertTrue(real.lines().count() >= 2, "the real " + commandLine + " printed too little:\n" + real);
        }
        assertEquals(real, ours, (columns > 0 ? "COLUMNS=" + columns + " " : "") + commandLine
                + "\n--- procps/psmisc ---\n" + real + "--- ksim.tools ---\n" + ours);
    }

    static String ours(Path procDir, List<String> argv, String tz, int columns, long now) {
        Ps.Options o = Ps.Options.host().withNow(now).withZone(ZoneId.of(tz)).withColumns(columns);
        return ours(new RealProcView(procDir), argv, o);
    }

    /**
     * What ksim.tools prints for the command line {@code argv} ("ps", "-ef" or "pstree", "-A",
     * "-p") over {@code view}; {@code ps} gives ps's clock, zone, users and COLUMNS (pstree's
     * width too, when set).
     */
    static String ours(ProcView view, List<String> argv, Ps.Options ps) {
        List<String> args = argv.subList(1, argv.size());
        if (argv.get(0).equals("ps")) {
            return Ps.render(view, String.join(" ", args), ps);
        }
        Pstree.Options o = Pstree.Options.defaults();
        if (ps.columns() > 0) {
            o = o.withWidth(ps.columns());
        }
        boolean pids = false;
        boolean pgids = false;
        boolean compact = true;
        boolean numeric = false;
        boolean hideThreads = false;
        Integer root = null;
        List<String> flags = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-")) {
                for (char c : a.substring(1).toCharArray()) {
                    flags.add(String.valueOf(c));
                }
            } else {
                root = Integer.parseInt(a);
            }
        }
        for (String f : flags) {
            switch (f) {
                case "A" -> { }
                case "p" -> {
                    pids = true;
                    compact = false;
                }
                case "g" -> pgids = true;
                case "c" -> compact = false;
                case "n" -> numeric = true;
                case "T" -> hideThreads = true;
                case "l" -> o = o.withWidth(0);
                default -> throw new IllegalArgumentException("pstree -" + f);
            }
        }
        o = new Pstree.Options(pids, pgids, root, o.width(), compact, numeric, hideThreads);
        return Pstree.render(view, o);
    }
}
