package ksim.scenario;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-Linux recorder: when it refuses to run (one line), and, where this machine allows
 * it (Linux on x86-64, root, unshare, a C compiler), that recording every example reproduces
 * its golden trace task by task.
 */
class RecorderTest {
    @Test
    void offLinuxOrOffX8664ItSaysSo() {
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
        assertEquals("recording needs Linux (this is Mac OS X)", assertThrows(Recorder.Unavailable.class,
                () -> Recorder.tools("Mac OS X", "aarch64", env)).getMessage());
        assertEquals("recording needs Linux on x86-64 (this is aarch64)",
                assertThrows(Recorder.Unavailable.class, () -> Recorder.tools("Linux", "aarch64", env)).getMessage());
    }

    @Test
    void withoutACompilerItSaysSo(@TempDir Path empty) {
        Recorder.Unavailable e = assertThrows(Recorder.Unavailable.class,
                () -> Recorder.tools("Linux", "amd64", Map.of("PATH", empty.toString())));
        assertEquals("recording needs a C compiler: none of $CC, cc, gcc, clang is on PATH", e.getMessage());
    }

    @Test
    void whichFindsOnlyExecutableFiles(@TempDir Path dir) throws IOException {
        Path cc = Files.createFile(dir.resolve("cc"));
        assertNull(Recorder.which("cc", dir.toString()));
        assertTrue(cc.toFile().setExecutable(true));
        assertEquals(cc.toString(), Recorder.which("cc", "/nonexistent:" + dir));
        assertNull(Recorder.which("unshare", dir.toString()));
    }

    @Test
    void unshareGetsAUserNamespaceOnlyWhenNotRoot() {
        Path prog = Path.of("/tmp/x/main");
        assertEquals(List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child", "/tmp/x/main"),
                Recorder.command(new Recorder.Tools("cc", "unshare", true), prog));
        assertEquals(List.of("unshare", "--user", "--map-root-user", "--pid", "--fork", "--mount-proc", "--kill-child",
                "/tmp/x/main"), Recorder.command(new Recorder.Tools("cc", "unshare", false), prog));
    }

    static Stream<Path> examples() throws IOException {
        return GoldenTracesTest.examples();
    }

    /** A name no task has had: on the real kernel too, the run stops there with the same message and exit 2. */
    @Tag("host")
    @Test
    void aNameNoTaskHasHadIsTheSameErrorOnTheRealKernel() throws Exception {
        assumeRecordingPossible();
        String src = "main {\n    fork b {\n        kill(x, SIGKILL)\n        getpid()\n    }\n"
                + "    waitpid(b, 0)\n    sleep(5s)\n    fork x {\n    }\n}\n";
        Ast.Scenario sc = Parser.parse("n.ksim", src);
        Recorder.Recording r = Recorder.record(sc, Duration.ofSeconds(30));
        StringBuilder sim = new StringBuilder();
        ScenarioRunner.Outcome o = ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, l -> sim.append(l).append('\n'));
        assertEquals("n.ksim:3:14: no task named 'x' has been created yet\n", r.errors());
        assertEquals(o.end().message() + "\n", r.errors());
        assertEquals(2, r.exitCode());
        assertEquals(2, o.exitCode());
        assertEquals(List.of(), TraceCompare.differences(r.trace(), sim.toString()), r.trace());
        assertFalse(r.timedOut(), "the recorder stopped main's 5 s sleep at once");
    }

    /** A deadlock on the real kernel: stopped by the timeout, exit 1, as ksim's deadlock. */
    @Tag("host")
    @Test
    void aDeadlockOnTheRealKernelMeetsTheTimeout() throws Exception {
        assumeRecordingPossible();
        Ast.Scenario sc = Parser.parse("d.ksim", "main {\n    pipe(p)\n    read(p, 1)\n}\n");
        Recorder.Recording r = Recorder.record(sc, Duration.ofSeconds(2));
        assertEquals("[main] pipe(p) = 0\n", r.trace());
        assertTrue(r.timedOut());
        assertEquals(1, r.exitCode());
        assertEquals(RunEnd.Kind.DEADLOCK, ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, l -> { }).end().kind());
    }

    /** Linux on x86-64, root, unshare and a C compiler: else the test is skipped, saying which is missing. */
    static void assumeRecordingPossible() throws IOException {
        CGeneratorTest.compiler();
        Assumptions.assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*")), "recording the examples here needs root");
        Assumptions.assumeTrue(Recorder.which("unshare", System.getenv().getOrDefault("PATH", "")
                + ":/usr/bin:/bin:/usr/sbin:/sbin") != null, "no unshare(1) on PATH");
    }
}
