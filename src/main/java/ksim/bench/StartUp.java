package ksim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as users feel it: the wall time of {@code ./ksim run empty.ksim} (main with an
 * empty block), launcher script and JVM included, each run a new process. Without the
 * launcher beside the jar, {@code java -jar ksim.jar} is timed instead, and the line says so.
 */
final class StartUp {
    private StartUp() {}

    static Benchmarks.Result measure(int warmups, int rounds) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ksim-startup-");
            Path empty = Files.writeString(dir.resolve("empty.ksim"), "main { }\n");
            Path launcher = RealKernel.besideJar("ksim");
            List<String> cmd = new ArrayList<>();
            String what;
            if (launcher != null && Files.isExecutable(launcher)) {
                cmd.add(launcher.toString());
                what = "start-up: ./ksim run empty.ksim";
            } else {
                cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                        System.getProperty("java.class.path")));
                what = "start-up: java -jar ksim.jar run empty.ksim";
            }
            cmd.addAll(List.of("run", empty.toString()));
            double[] ms = new double[rounds];
            for (int r = -warmups; r < rounds; r++) { // the first run may make the start-up archive
                long t0 = System.nanoTime();
                run(cmd);
                if (r >= 0) {
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            return new Benchmarks.Result(what, ms[rounds / 2], ms[0], ms[rounds - 1], "ms wall");
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ksim: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Runs {@code cmd} to its end; it must exit 0. */
    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
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
