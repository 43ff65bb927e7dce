package ksim.scenario;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Linux on x86-64, root, unshare and a C compiler: else the test is skipped, saying which is missing. */
    static void assumeRecordingPossible() throws IOException {
        CGeneratorTest.compiler();
        Assumptions.assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*")), "recording the examples here needs root");
        Assumptions.assumeTrue(Recorder.which("unshare", System.getenv().getOrDefault("PATH", "")
                + ":/usr/bin:/bin:/usr/sbin:/sbin") != null, "no unshare(1) on PATH");
    }
}
