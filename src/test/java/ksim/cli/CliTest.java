package ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: stdout is the trace only; exit 0, 1 (expect failed) or 2 (bad input). */
class CliTest {
    private static KsimCli.Result ksim(String... args) {
        return KsimCli.run(args);
    }

    @Test
    void runPrintsTheTraceAndNothingElse() throws Exception {
        KsimCli.Result r = ksim("run", "examples/orphan.ksim");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(Path.of("examples/orphan.trace")), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aFailedExpectExitsOneAndNamesTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.ksim");
        Files.writeString(f, "main {\n    expect getppid() = 0\n    expect wait() = 0\n}\n");
        KsimCli.Result r = ksim("run", f.toString());
        assertEquals(1, r.code());
        assertEquals("[main] getppid() = 0\n[main] wait() = -1 ECHILD\n", r.out());
        assertEquals(f + ":3:5: expect failed: wait() = -1 ECHILD, expected 0\n", r.err());
    }

    @Test
    void aParseErrorExitsTwoWithFileLineCol(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.ksim");
        Files.writeString(f, "main {\n    waitpid(x, 0)\n}\n");
        KsimCli.Result r = ksim("run", f.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(f + ":2:13: unknown task 'x' (declare it with fork, vfork, thread or clone)\n", r.err());
    }

    @Test
    void aMissingFileExitsTwo() {
        KsimCli.Result r = ksim("run", "no/such/file.ksim");
        assertEquals(2, r.code());
        assertEquals("ksim run: cannot read no/such/file.ksim: No such file or directory\n", r.err());
    }

    @Test
    void badOptionsExitTwo() {
        assertEquals(2, ksim("run").code());
        assertEquals(2, ksim("run", "examples/orphan.ksim", "--cpus", "0").code());
        assertEquals(2, ksim("run", "examples/orphan.ksim", "--seed", "x").code());
        assertEquals(2, ksim("frobnicate").code());
    }

    @Test
    void cpusOverridesTheHeader() {
        KsimCli.Result one = ksim("run", "examples/demo.ksim", "--cpus", "1");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("[main] waitpid(worker, 0) = worker exited(3)"));
    }

    @Test
    void demoShowsTheScenarioAndItsTrace() {
        KsimCli.Result r = ksim("demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("=== examples/demo.ksim ==="));
        assertTrue(r.out().contains("[main] waitpid(-1, 0) = sleeper exited(7)"));
    }

    @Test
    void conformanceRunsEveryGoldenAndCountsThem() {
        KsimCli.Result r = ksim("conformance", "examples", "conformance/lifecycle");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("PASS examples/orphan.ksim"), r.out());
        assertTrue(r.out().strip().endsWith(" passed, 0 failed"), r.out());
    }

    @Test
    void conformanceReportsADifference(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.ksim"), "main {\n    getppid()\n}\n");
        Files.writeString(dir.resolve("x.trace"), "[main] getppid() = 7\n");
        KsimCli.Result r = ksim("conformance", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("FAIL " + dir.resolve("x.ksim") + ": [main] line 1 of the task: expected "
                + "'[main] getppid() = 7', got '[main] getppid() = 0'"), r.out());
        assertTrue(r.out().strip().endsWith("0 passed, 1 failed"), r.out());
    }

    @Test
    void helpAndVersion() {
        KsimCli.Result h = ksim("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("run") && h.out().contains("demo") && h.out().contains("bench"));
        KsimCli.Result v = ksim("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("ksim "), v.out());
    }

    @Test
    void eachSubcommandIsKnownByItsOwnName() {
        Main.SUBCOMMANDS.forEach((name, c) -> assertEquals(name,
                c.getAnnotation(picocli.CommandLine.Command.class).name()));
    }

    @Test
    void aSubcommandAloneHasTheUsageItHasAmongAll() {
        // ksim run builds only run's model; ksim help run builds them all
        assertEquals(ksim("help", "run").out(), ksim("run", "--help").out());
        KsimCli.Result bad = ksim("run", "--bogus", "x.ksim");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("ksim: Unknown option: '--bogus'\nUsage: ksim run "), bad.err());
    }
}
