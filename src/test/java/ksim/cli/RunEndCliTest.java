package ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that do not end (deadlock, --max-time, --timeout) and scenario errors found while running, on the command line. */
class RunEndCliTest {
    private static KsimCli.Result ksim(String... args) {
        return KsimCli.run(args);
    }

    private static final String DEADLOCK = "main {\n    pipe(p)\n    expect read(p, 1) = 1\n    expect getpid() = 99\n}\n";

    @Test
    void aDeadlockExitsOneSayingWhoIsStuckWhere(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dl.ksim");
        Files.writeString(f, DEADLOCK);
        KsimCli.Result r = ksim("run", f.toString());
        assertEquals(1, r.code());
        assertEquals("[main] pipe(p) = 0\n", r.out());
        String[] err = r.err().split("\n");
        assertEquals(4, err.length, r.err());
        assertTrue(err[0].startsWith("ksim: " + f + ": deadlock at "), err[0]);
        assertTrue(err[1].startsWith("  [main] PID 1 (global ") && err[1].contains("read(p, 1) at " + f + ":3:12"), err[1]);
        assertEquals(f + ":3:5: expect not reached: read(p, 1) = 1", err[2]);
        assertEquals(f + ":4:5: expect not reached: getpid() = 99", err[3]);
    }

    @Test
    void maxTimeStopsARunAndExitsOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("spin.ksim");
        Files.writeString(f, "main {\n    spin(4611686018s)\n}\n");
        KsimCli.Result r = ksim("run", f.toString(), "--max-time", "500ms");
        assertEquals(1, r.code());
        assertEquals("ksim: " + f + " was still running at 0.5 s of simulated time (--max-time) and was stopped;"
                + " the trace holds what it printed until then\n", r.err());
    }

    @Test
    void badLimitsAreUsageErrors() {
        assertEquals(2, ksim("run", "examples/orphan.ksim", "--timeout", "0").code());
        assertEquals(2, ksim("run", "examples/orphan.ksim", "--timeout", "soon").code());
        assertEquals(2, ksim("run", "examples/orphan.ksim", "--max-time", "-1s").code());
        assertEquals(2, ksim("run", "examples/orphan.ksim", "--max-time", "99999999999999999999s").code());
        KsimCli.Result r = ksim("run", "examples/orphan.ksim", "--max-time", "200y");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a positive duration"), r.err());
        r = ksim("run", "examples/orphan.ksim", "--max-time", "4611686018427387905ns");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ksim run: --max-time must be at most 4611686018427387904ns"), r.err());
    }

    @Test
    void limitsTheRunDoesNotMeetChangeNothing() {
        KsimCli.Result r = ksim("run", "examples/orphan.ksim", "--timeout", "10m", "--max-time", "2h");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void aNameNoTaskHasHadExitsTwoWithFileLineCol(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("names.ksim");
        Files.writeString(f, "main {\n    repeat 2 {\n        fork w {\n            pause()\n        }\n    }\n"
                + "    fork b {\n        kill(-x, SIGKILL)\n    }\n    waitpid(b, 0)\n    fork x {\n    }\n}\n");
        KsimCli.Result r = ksim("run", f.toString());
        assertEquals(2, r.code());
        assertEquals("[main] fork w = w.1\n[main] fork w = w.2\n[main] fork b = b\n", r.out());
        assertEquals(f + ":8:14: no task named 'x' has been created yet\n", r.err());
        // ksim cat, ps, pstree and crash stop there too
        KsimCli.Result cat = ksim("cat", f.toString(), "--at", "1s", "/proc/1/stat");
        assertEquals(2, cat.code());
        assertEquals(f + ":8:14: no task named 'x' has been created yet\n", cat.err());
    }

    @Test
    void diffNeverAgreesWithARunThatDidNotEnd(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dl.ksim");
        Files.writeString(f, DEADLOCK);
        Path golden = dir.resolve("dl.trace");
        Files.writeString(golden, "[main] pipe(p) = 0\n");
        KsimCli.Result r = ksim("diff", f.toString(), golden.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().startsWith(f + ": the traces agree as far as they go, but a run did not run to its end\n"
                + "  ksim: " + f + ": deadlock at "), r.out());
    }

    @Test
    void conformanceFailsARunThatDidNotEnd(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dl.ksim"), DEADLOCK);
        Files.writeString(dir.resolve("dl.trace"), "[main] pipe(p) = 0\n");
        KsimCli.Result r = ksim("conformance", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("FAIL " + dir.resolve("dl.ksim") + ": did not run to its end: "
                + dir.resolve("dl.ksim") + ": deadlock at "), r.out());
    }
}
