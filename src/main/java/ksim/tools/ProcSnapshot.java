package ksim.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import ksim.kernel.proc.ProcView;

/**
 * Copies the /proc files ps and pstree read into a directory that can be bind-mounted over
 * /proc, so the real tools and ours read the very same bytes. On tmpfs (/dev/shm), whose
 * readdir lists the newest entry first, entries are created in reverse so the copy lists
 * them in the source's order. /proc/self (ps checks it) is a copy of the first process.
 * Used by the tools' tests and by {@code ksim capture --ps/--pstree} ({@link RealTools}).
 */
public final class ProcSnapshot {
    private static final String[] TOP = {"uptime", "stat", "meminfo", "cpuinfo", "sys/kernel/pid_max", "tty/drivers"};
    private static final String[] PER_TASK = {"stat", "status", "cmdline", "wchan"};

    private ProcSnapshot() {}

    /** A fresh directory for a snapshot: under /dev/shm when that is there, else under {@code fallback}. */
    public static Path newDir(Path fallback) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "ksim-proc-");
        }
        return Files.createTempDirectory(fallback, "ksim-proc-");
    }

    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Writes {@code src}'s processes and system files to {@code dst}; {@code owner} gives the
     * uid that owns /proc/PID (what pstree stat()s).
     */
    public static void write(ProcView src, Path dst, IntUnaryOperator owner) throws IOException {
        List<Integer> pids = ProcTable.pids(src, "/proc");
        List<Integer> reversed = new ArrayList<>(pids);
        java.util.Collections.reverse(reversed);
        for (int pid : reversed) {
            Path pdir = dst.resolve(Integer.toString(pid));
            Files.createDirectories(pdir);
            List<Integer> tids = ProcTable.pids(src, "/proc/" + pid + "/task");
            if (src.list("/proc/" + pid + "/task") != null) {
                Path tdir = Files.createDirectories(pdir.resolve("task"));
                List<Integer> rt = new ArrayList<>(tids);
                java.util.Collections.reverse(rt);
                for (int tid : rt) {
                    Path one = Files.createDirectories(tdir.resolve(Integer.toString(tid)));
                    copy(src, "/proc/" + pid + "/task/" + tid, one);
                }
            }
            copy(src, "/proc/" + pid, pdir);
            int uid = owner.applyAsInt(pid);
            if (uid != 0) {
                Files.setAttribute(pdir, "unix:uid", uid);
            }
        }
        for (int i = TOP.length - 1; i >= 0; i--) {
            String text = src.read("/proc/" + TOP[i]);
            if (text == null && TOP[i].equals("cpuinfo")) {
                text = Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1);
            }
            if (text != null) {
                Path f = dst.resolve(TOP[i]);
                Files.createDirectories(f.getParent());
                Files.writeString(f, text, StandardCharsets.ISO_8859_1);
            }
        }
        if (!pids.isEmpty()) {
            Path self = Files.createDirectories(dst.resolve("self"));
            Files.createDirectories(self.resolve("task"));
            String stat = src.read("/proc/" + pids.get(0) + "/stat");
            Files.writeString(self.resolve("stat"), stat == null ? "" : stat, StandardCharsets.ISO_8859_1);
        }
    }

    private static void copy(ProcView src, String from, Path to) throws IOException {
        for (int i = PER_TASK.length - 1; i >= 0; i--) {
            String text = src.read(from + "/" + PER_TASK[i]);
            if (text != null) {
                Files.writeString(to.resolve(PER_TASK[i]), text, StandardCharsets.ISO_8859_1);
            }
        }
    }
}
