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

/**
 * Runs this machine's procps ps and psmisc pstree over a /proc snapshot ({@link ProcSnapshot}):
 * in a new PID and mount namespace, the snapshot bind-mounted over /proc and the tool exec'd as
 * PID 1 (procps looks itself up as getpid(), so /proc/1 must be there), standard output a
 * pipe, the C locale. Used by the tools' tests and by {@code ksim capture --ps/--pstree}.
 */
public final class RealTools {
    private RealTools() {}

    /** The versions ksim.tools follows: what {@code ps --version} and {@code pstree --version} print. */
    static final String PROCPS = "procps-ng 4.0.2";
    static final String PSMISC = "PSmisc) 23.6";

    /**
     * What the tool sees besides /proc.
     *
     * @param tz TZ (ps's STIME/START are local times)
     * @param columns COLUMNS, or 0 to leave it unset (standard output is a pipe either way)
     * @param ptsNodes /dev/pts/N numbers to create (on a private tmpfs over /dev/pts), so that
     *     procps finds those terminals
     * @param rootOnlyUsers a user database with only root in it (over /etc/passwd, /etc/group
     *     and /etc/nsswitch.conf), as {@link UserNames#rootOnly()}: the simulated system's,
     *     so that a uid prints as its number whatever this machine calls it; else the host's
     */
    public record Env(String tz, int columns, List<Integer> ptsNodes, boolean rootOnlyUsers) {
        /** ksim's simulated system: UTC, no terminal, only root named. */
        public static Env simulated() {
            return new Env("UTC", 0, List.of(), true);
        }
    }

    public static String which(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    /**
     * Why the real tools cannot run here, in one line, or null when they can: it takes Linux,
     * root (namespaces and bind mounts), unshare, ps and pstree.
     */
    public static String unavailable() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return "the real ps and pstree run on Linux (this is " + System.getProperty("os.name") + ")";
        }
        try {
            if (Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .noneMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*"))) {
                return "running the real ps and pstree over a copy of /proc needs root (a bind mount over /proc)";
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status (" + e.getMessage() + ")";
        }
        for (String tool : new String[] {"unshare", "ps", "pstree"}) {
            if (which(tool) == null) {
                return "no " + tool + "(1) on PATH";
            }
        }
        return null;
    }

    /**
     * Null when this machine's ps and pstree are procps-ng 4.0.2 and psmisc 23.6, the versions
     * ksim.tools follows (other versions print other things); else what they are.
     */
    public static String otherVersions() throws IOException, InterruptedException {
        String ps = version(which("ps"));
        String pstree = version(which("pstree"));
        if (ps.contains(PROCPS) && pstree.contains(PSMISC)) {
            return null;
        }
        return "ksim.tools follows procps-ng 4.0.2 and psmisc 23.6; this machine has: "
                + ps.lines().findFirst().orElse("?") + " / " + pstree.lines().findFirst().orElse("?");
    }

    private static String version(String tool) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** The user database of {@link Env#rootOnlyUsers()}: file name under /etc, then contents. */
    private static final String[][] ROOT_ONLY = {
        {"passwd", "root:x:0:0:root:/root:/bin/sh\n"},
        {"group", "root:x:0:\n"},
        // no nss-systemd or other source that would name more uids
        {"nsswitch.conf", "passwd: files\ngroup: files\n"},
    };

    /**
     * The output of {@code command} (e.g. ps -ef) run over {@code procDir}.
     *
     * @throws IOException when the tool cannot run or exits non-zero (its stderr in the message)
     */
    public static String run(Path procDir, List<String> command, Env env) throws IOException, InterruptedException {
        Path etc = env.rootOnlyUsers() ? Files.createTempDirectory("ksim-etc-") : null;
        File err = File.createTempFile("ksim-tool-", ".err");
        try {
            StringBuilder script = new StringBuilder("mount --bind \"$1\" /proc || exit 97; shift; ");
            if (etc != null) {
                for (String[] f : ROOT_ONLY) {
                    Files.writeString(etc.resolve(f[0]), f[1]);
                    script.append("if [ -e /etc/").append(f[0]).append(" ]; then mount --bind '")
                            .append(etc.resolve(f[0])).append("' /etc/").append(f[0]).append(" || exit 96; fi; ");
                }
            }
            if (!env.ptsNodes().isEmpty()) {
                script.append("mount -t tmpfs ksim-pts /dev/pts || exit 98; ");
                for (int n : env.ptsNodes()) {
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
            Map<String, String> e = pb.environment();
            e.clear();
            e.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            e.put("LC_ALL", "C");
            e.put("TZ", env.tz());
            if (env.columns() > 0) {
                e.put("COLUMNS", Integer.toString(env.columns()));
            }
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
                throw new IOException(String.join(" ", command) + ": timed out");
            }
            if (p.exitValue() != 0) {
                // the first line says what was wrong; ps adds its usage after it
                String why = Files.readString(err.toPath(), StandardCharsets.ISO_8859_1).strip().lines().findFirst()
                        .orElse("");
                throw new IOException(String.join(" ", command) + ": exited with " + p.exitValue()
                        + (why.isEmpty() ? "" : ": " + why));
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(err.toPath());
            if (etc != null) {
                ProcSnapshot.delete(etc);
            }
        }
    }
}
