package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder contains what it runs: a scenario that clears its parent-death signal, leaves
 * its session and drops root, with children of its own, leaves no process behind when
 * {@code ksim record} stops it at --timeout, or is itself stopped with SIGTERM or SIGINT; and a
 * fork bomb meets pids.max where this machine has a writable cgroup hierarchy. Each run of
 * ksim gets a mark in its environment, which every process of its scenario inherits, to find
 * survivors by.
 */
@Tag("host")
class RecorderSandboxTest {
    static final String ESCAPE = """
            main {
                prctl(PR_SET_PDEATHSIG, 0)
                fork a {
                    setsid()
                    setuid(1000)
                    fork b {
                        pause()
                    }
                    pause()
                }
                repeat 5 {
                    fork w {
                        pause()
                    }
                }
                pause()
            }
            """;

    @TempDir
    Path dir;

    /** {@code ksim record FILE ARGS} as its own JVM, marked. */
    Process ksim(String mark, Path file, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "ksim.cli.Main", "record", file.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out-" + mark).toFile());
        pb.environment().put("KSIM_MARK", mark);
        return pb.start();
    }

    /** The processes whose environment holds the mark. */
    static List<Long> marked(String mark) throws IOException {
        byte[] want = ("KSIM_MARK=" + mark).getBytes(StandardCharsets.UTF_8);
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                byte[] env;
                try {
                    env = Files.readAllBytes(p.resolve("environ"));
                } catch (IOException e) {
                    continue; // gone, or not ours to read
                }
                for (String var : new String(env, StandardCharsets.UTF_8).split("\0")) {
                    if (var.equals(new String(want, StandardCharsets.UTF_8))) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                }
            }
        }
        return out;
    }

    /** Waits until at least {@code n} marked processes run (the scenario is under way); fails after 20 s. */
    static void awaitScenario(String mark, int n) throws Exception {
        for (int i = 0; i < 400 && marked(mark).size() < n; i++) {
            Thread.sleep(50);
        }
        assertTrue(marked(mark).size() >= n, "the scenario never started");
    }

    /** The marked processes still there a moment after ksim ended (they may take a moment to be reaped). */
    static List<Long> survivors(String mark) throws Exception {
        List<Long> left = marked(mark);
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            Thread.sleep(50);
            left = marked(mark);
        }
        return left;
    }

    Path escape() throws IOException {
        RecorderTest.assumeRecordingPossible();
        return Files.writeString(dir.resolve("escape.ksim"), ESCAPE);
    }

    @Test
    void nothingSurvivesTheTimeout() throws Exception {
        String mark = UUID.randomUUID().toString();
        Process p = ksim(mark, escape(), "--timeout", "2");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertEquals(List.of(), survivors(mark));
    }

    @Test
    void nothingSurvivesSigtermToKsim() throws Exception {
        nothingSurvivesStopping(p -> p.destroy()); // SIGTERM
    }

    @Test
    void nothingSurvivesSigintToKsim() throws Exception {
        nothingSurvivesStopping(p -> assertEquals(0,
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()));
    }

    interface Stop {
        void stop(Process ksim) throws Exception;
    }

    /** ksim stopped by {@code stop} once the scenario runs: it ends, and nothing of the scenario is left. */
    void nothingSurvivesStopping(Stop stop) throws Exception {
        String mark = UUID.randomUUID().toString();
        Process p = ksim(mark, escape(), "--timeout", "300");
        awaitScenario(mark, 9);
        stop.stop(p);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), survivors(mark));
    }

    @Test
    void aForkBombMeetsPidsMax() throws Exception {
        escape();
        try (Sandbox probe = Sandbox.create(true)) {
            Assumptions.assumeTrue(probe.contained(), "no writable cgroup with pids.max here");
        }
        Path bomb = Files.writeString(dir.resolve("bomb.ksim"), "main {\n    repeat " + (Sandbox.PIDS_MAX + 100)
                + " {\n        fork w {\n            pause()\n        }\n    }\n}\n");
        String mark = UUID.randomUUID().toString();
        Process p = ksim(mark, bomb, "--timeout", "20");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve("out-" + mark));
        assertTrue(out.contains("] fork w = -1 EAGAIN"), out.lines().limit(5).toList().toString());
        assertEquals(List.of(), survivors(mark));
    }
}
