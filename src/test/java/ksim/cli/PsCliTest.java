package ksim.cli;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ksim.tools.RealTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code ksim ps}, {@code ksim pstree} and {@code ksim capture --ps/--pstree}: arguments, output, exit statuses. */
class PsCliTest {
    private static KsimCli.Result ksim(String... args) {
        return KsimCli.run(args);
    }

    @Test
    void psTakesItsOwnOptionsAfterTheScenario() {
        KsimCli.Result r = ksim("ps", "inspect/sleeping.ksim", "--at", "300ms", "-ef");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("UID        PID  PPID  C STIME TTY          TIME CMD\n"
                + "root         1     0  0 00:00 ?        00:00:00 main\n"), r.out());
        assertEquals(r.out(), ksim("ps", "inspect/sleeping.ksim", "--at", "300ms", "-e", "-f").out());
        r = ksim("ps", "inspect/sleeping.ksim", "--at", "300ms", "axjf");
        assertTrue(r.out().endsWith("    4     5     1     1 ?           -1 S        0   0:00  \\_ main\n"), r.out());
        r = ksim("ps", "inspect/sleeping.ksim", "--at", "300ms", "-Q");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ksim ps: "), r.err());
    }

    @Test
    void pstreeTakesPsmiscsAsciiOption() {
        KsimCli.Result r = ksim("pstree", "inspect/sleeping.ksim", "--at", "300ms", "-A", "-p");
        assertEquals(0, r.code(), r.err());
        assertEquals("main(1)-+-main(2)\n        |-main(3)\n        `-main(4)---main(5)\n", r.out());
    }

    @Test
    void aMomentAfterTheScenarioEndedIsSaidSoByPsPstreeAndCat() {
        // inspect/sleeping.ksim is over well before 100 s: its PID namespace has no task left
        for (String[] args : new String[][] {{"ps"}, {"pstree"}, {"cat", "/proc/1/stat"}}) {
            String cmd = args[0];
            java.util.List<String> argv = new java.util.ArrayList<>(List.of(cmd, "inspect/sleeping.ksim", "--at", "100s"));
            argv.addAll(List.of(args).subList(1, args.length));
            KsimCli.Result r = ksim(argv.toArray(String[]::new));
            assertEquals(1, r.code(), cmd);
            assertEquals("", r.out(), cmd);
            assertEquals("ksim " + cmd + ": inspect/sleeping.ksim ended before 100s (no task of it is left; --host shows"
                    + " the rest of the system)\n", r.err(), cmd);
            argv.add(2, "--host");
            assertEquals(0, ksim(argv.toArray(String[]::new)).code(), cmd + " --host");
        }
    }

    @Test
    void captureTakesToolsOrFilesNotBoth() {
        KsimCli.Result r = ksim("capture", "inspect/sleeping.ksim", "--at", "1ms", "--ps=-ef", "--all");
        assertEquals(2, r.code());
        assertEquals("ksim capture: --ps and --pstree cannot be combined with PATH or --all\n", r.err());
        r = ksim("capture", "inspect/sleeping.ksim", "--at", "1ms", "--pstree", "-p", "/proc/1/stat");
        assertEquals(2, r.code());
    }

    @Test
    void aCaptureOfSeveralCommandsSaysHowToMakeItAgain() {
        assertEquals(List.of("ps", "-e", "-f"), CaptureTools.argv("ps", " -e  -f "));
        assertEquals(List.of("pstree"), CaptureTools.argv("pstree", ""));
        assertEquals("-ef", CaptureTools.quote("-ef"));
        assertEquals("'-A -p'", CaptureTools.quote("-A -p"));
        assertEquals("'it'\\''s'", CaptureTools.quote("it's"));
    }

    /** The real tools over the scenario's /proc, where they can run here (root, unshare, cc, ps, pstree). */
    @Tag("host")
    @Test
    void captureRunsTheRealToolsOverTheScenariosProc() throws Exception {
        Assumptions.assumeTrue(RealTools.unavailable() == null, RealTools.unavailable());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")) || Files.isExecutable(Path.of("/usr/bin/gcc")),
                "capturing needs a C compiler");
        KsimCli.Result r = ksim("capture", "inspect/sleeping.ksim", "--at", "300ms", "--ps", "-ef", "--pstree=-A -p");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# ksim capture inspect/sleeping.ksim --at 300ms --ps=-ef --pstree='-A -p'\n"
                + "==> ps -ef <==\nUID        PID  PPID  C STIME TTY          TIME CMD\n"), r.out());
        assertTrue(r.out().endsWith("==> pstree -A -p <==\nmain(1)-+-main(2)\n        |-main(3)\n"
                + "        `-main(4)---main(5)\n"), r.out());
        r = ksim("capture", "inspect/sleeping.ksim", "--at", "300ms", "--ps=-Q");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("ksim capture: ps -Q: exited with 1: error: "), r.err());
    }
}
