package ksim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as users feel it: the wall time of {@code ./ksim run empty.ksim} (main with an
 * empty block), launcher script and JVM included, each run a new process. Without the
 * launcher beside the jar, {@code java -jar ksim.jar} is timed instead, and the line says so.
 */
final class StartUp {
    private StartUp() {}

    /** The median wall milliseconds of {@code rounds} runs after {@code warmups} (the first may make the start-up archive). */
    static Benchmarks.Result measure(int warmups, int rounds) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ksim-startup-");
            Path empty = Files.writeString(dir.resolve("empty.ksim"), "main { }\n");
            Path launcher = RealKernel.besideJar("ksim");
            boolean viaLauncher = launcher != null && Files.isExecutable(launcher);
            List<String> cmd = new ArrayList<>(viaLauncher ? List.of(launcher.toString())
                    : List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                            System.getProperty("java.class.path")));
            cmd.addAll(List.of("run", empty.toString()));
            Benchmarks.Result ns = Benchmarks.measure(
                    viaLauncher ? "start-up: ./ksim run empty.ksim" : "start-up: java -jar ksim.jar run empty.ksim",
                    "ms wall", warmups, rounds, () -> {
                        long t0 = System.nanoTime();
                        run(cmd);
                        return System.nanoTime() - t0;
                    }, 1);
            return new Benchmarks.Result(ns.name(), ns.medianNs() / 1e6, ns.minNs() / 1e6, ns.maxNs() / 1e6, ns.unit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Runs {@code cmd} to its end; it must exit 0. */
    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve("empty.ksim"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
