package ksim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The same operations on this machine's real kernel: the C programs under bench/ are
 * compiled with the system's C compiler and run in the same invocation; each prints
 * nanoseconds per operation. When that is not possible the reason is returned instead.
 */
final class RealKernel {
    private final Path benchDir;
    private final Path work;
    private final String why;

    private RealKernel(Path benchDir, Path work, String why) {
        this.benchDir = benchDir;
        this.work = work;
        this.why = why;
    }

    /** Finds bench/ beside the project's jar (target/ksim.jar) or in the working directory. */
    static RealKernel find() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return new RealKernel(null, null, "not Linux");
        }
        Path dir = besideJar("bench");
        if (dir != null && !Files.isDirectory(dir)) {
            dir = null;
        }
        if (dir == null && Files.isDirectory(Path.of("bench"))) {
            dir = Path.of("bench");
        }
        if (dir == null) {
            return new RealKernel(null, null, "bench/ not found");
        }
        try {
            return new RealKernel(dir, Files.createTempDirectory("ksim-bench-"), null);
        } catch (IOException e) {
            return new RealKernel(null, null, "no temporary directory");
        }
    }

    /** {@code name} in the project directory of this code (target/ksim.jar or target/classes), or null. */
    static Path besideJar(String name) {
        try {
            Path jar = Path.of(RealKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent() == null ? null : jar.getParent().resolveSibling(name);
        } catch (Exception e) {
            return null; // no code source
        }
    }

    /** Nanoseconds per operation of bench/NAME.c run with {@code arg}, or null (see {@link #why()}). */
    Double run(String name, long arg) {
        if (why != null) {
            return null;
        }
        try {
            Path prog = work.resolve(name);
            if (!Files.exists(prog)) {
                Process cc = new ProcessBuilder("cc", "-O2", "-pthread", "-o", prog.toString(),
                        benchDir.resolve(name + ".c").toString()).redirectErrorStream(true).start();
                cc.getInputStream().readAllBytes();
                if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                    return null;
                }
            }
            Process p = new ProcessBuilder(prog.toString(), Long.toString(arg)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String why() {
        return why != null ? why : "the C program did not run";
    }
}
