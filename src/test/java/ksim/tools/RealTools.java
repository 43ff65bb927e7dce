package ksim.tools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs this machine's procps ps and psmisc pstree over a /proc snapshot: in a new PID and
 * mount namespace, the snapshot bind-mounted over /proc and ps exec'd as PID 1 (procps looks
 * itself up as getpid(), so /proc/1 must be there), standard output a pipe, the C locale.
 */
final class RealTools {
    private RealTools() {}

    static String which(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    /**
     * Skips the test unless this is Linux, we are root, and unshare, procps-ng 4.0.2's ps and
     * psmisc 23.6's pstree are here.
     */
    static void assumeAvailable() throws IOException {
        Assumptions.assumeTrue("Linux".equals(System.getProperty("os.name")), "the real tools run on Linux");
        Assumptions.assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*")), "namespaces and bind mounts need root");
        for (String tool : new String[] {"unshare", "ps", "pstree"}) {
            Assumptions.assumeTrue(which(tool) != null, "no " + tool + "(1) on PATH");
        }
        String ps = version(which("ps"));
        String pstree = version(which("pstree"));
        Assumptions.assumeTrue(ps.contains("procps-ng 4.0.2") && pstree.contains("PSmisc) 23.6"),
                "ksim.tools follows procps-ng 4.0.2 and psmisc 23.6; this machine has: " + ps.lines().findFirst()
                        .orElse("?") + " / " + pstree.lines().findFirst().orElse("?"));
    }

    private static String version(String tool) throws IOException {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * The output of {@code command} run over {@code procDir}.
     *
     * @param ptsNodes /dev/pts/N numbers to create (on a private tmpfs over /dev/pts), so
     *     that procps finds those terminals
     * @param columns COLUMNS, or 0 to leave it unset
     */
    static String run(Path procDir, List<String> command, String tz, int columns, List<Integer> ptsNodes)
            throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("mount --bind \"$1\" /proc || exit 97; shift; ");
        if (!ptsNodes.isEmpty()) {
            script.append("mount -t tmpfs ksim-pts /dev/pts || exit 98; ");
            for (int n : ptsNodes) {
                script.append("mknod /dev/pts/").append(n).append(" c ").append(136 + n / 256).append(' ')
                        .append(n % 256).append(" || exit 99; ");
            }
        }
        script.append("exec \"$@\"");
        List<String> cmd = new ArrayList<>(List.of(which("unshare"), "--pid", "--fork", "--mount",
                "--propagation", "private", "--kill-child", "/bin/sh", "-c", script.toString(), "sh",
                procDir.toString()));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LC_ALL", "C");
        env.put("TZ", tz);
        if (columns > 0) {
            env.put("COLUMNS", Integer.toString(columns));
        }
        File err = File.createTempFile("ksim-tool-", ".err");
        try {
            pb.redirectError(err);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                out = b.toByteArray();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IOException(command + " exited " + p.exitValue() + ": "
                        + Files.readString(err.toPath(), StandardCharsets.ISO_8859_1));
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(err.toPath());
        }
    }
}
