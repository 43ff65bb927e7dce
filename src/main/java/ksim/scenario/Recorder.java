package ksim.scenario;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real-Linux recorder ({@code ksim record}): the scenario's C program
 * ({@link CGenerator}) compiled with the system's C compiler and run as PID 1 of a fresh PID
 * namespace with its own /proc (unshare --pid --fork --mount-proc):
 * {@code unshare --pid --fork --mount-proc} as root, with {@code --user --map-root-user}
 * otherwise, in a scratch working directory removed afterwards. Its stdout is the trace.
 */
public final class Recorder {
    private Recorder() {}

    /** Recording is impossible on this machine; the message says why, in one line. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /** The generated program did not build or start as it should: a bug in ksim. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * What the real kernel printed: the trace, the program's stderr, and how it ended;
     * {@code bounded} when the recording ran in a cgroup with pids.max ({@link Sandbox});
     * {@code scenarioError} when a statement named a task that did not exist, and the run was
     * stopped there.
     */
    public record Recording(String trace, String errors, boolean expectFailed, boolean timedOut, boolean bounded,
            boolean scenarioError) {
        /**
         * As {@code ksim run}: 0 when the scenario ran to its end, 1 when an expect failed (or it
         * never ended), 2 for a scenario error.
         */
        public int exitCode() {
            return scenarioError ? 2 : expectFailed || timedOut ? 1 : 0;
        }
    }

    /** How often the recorder looks for a scenario error while the program runs. */
    private static final long POLL_MS = 20;

    /** The C compiler and unshare(1) found, and whether we are root. */
    record Tools(String cc, String unshare, boolean root) {}

    /** The C program that records {@code sc}. */
    public static String program(Ast.Scenario sc) {
        return CGenerator.generate(sc);
    }

    /** Records {@code sc} on this machine's kernel, stopping it after {@code timeout}. */
    public static Recording record(Ast.Scenario sc, Duration timeout)
            throws Unavailable, Failure, IOException, InterruptedException {
        Tools tools = tools(System.getProperty("os.name"), System.getProperty("os.arch"), System.getenv());
        Path dir = Files.createTempDirectory("ksim-record-");
        Path rtDir = null;
        Path cwd = null;
        try {
            Path src = dir.resolve("main.c");
            Path prog = dir.resolve("main");
            Files.writeString(src, program(sc), StandardCharsets.UTF_8);
            compile(tools.cc(), src, prog, dir);
            // a task that setuid()s away from root still execs the program and finds RT_DIR/exec
            Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));
            rtDir = runtimeDir(dir);
            Files.setPosixFilePermissions(rtDir, PosixFilePermissions.fromString("rwx--x--x"));
            cwd = scratchDir();
            Path group = Approx.of(sc).isEmpty() ? null : MeasureGroup.prepare(tools.root());
            return run(tools, prog, dir, rtDir, cwd, timeout, group);
        } finally {
            deleteTree(dir);
            if (rtDir != null) {
                deleteTree(rtDir);
            }
            if (cwd != null) {
                deleteTree(cwd);
            }
        }
    }

    /**
     * Where the running program keeps its files (exec's symlinks, the expect log): on tmpfs
     * when there is one, so that an exec's path lookup never waits on a disk (a task in D,
     * which a scenario's state() may see).
     */
    static Path runtimeDir(Path fallback) {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            try {
                return Files.createTempDirectory(shm, "ksim-record-");
            } catch (IOException e) {
                // fall back below
            }
        }
        return fallback;
    }

    /**
     * The program's working directory: a fresh one, removed afterwards, so that what its tasks
     * leave there (a core dump: core_pattern "core" is relative to the dumping task's cwd)
     * never lands in the caller's. Writable by every uid, as a task may have setuid() away.
     */
    static Path scratchDir() throws IOException {
        Path cwd = Files.createTempDirectory("ksim-cwd-");
        Files.setPosixFilePermissions(cwd, PosixFilePermissions.fromString("rwxrwxrwx"));
        return cwd;
    }

    /**
     * Why this machine cannot record the goldens as they were recorded (Linux on x86-64, a C
     * compiler, unshare(1), root: they setuid(), raise limits and use real-time policies), or null.
     */
    public static String cannotRecordGoldens() {
        try {
            if (!tools(System.getProperty("os.name"), System.getProperty("os.arch"), System.getenv()).root()) {
                return "the goldens were recorded as root (setuid, raised limits, real-time policies); this is uid "
                        + effectiveUid();
            }
            return null;
        } catch (Unavailable e) {
            return e.getMessage();
        }
    }

    /** Linux on x86-64, a C compiler and unshare(1), or why not. */
    static Tools tools(String os, String arch, Map<String, String> env) throws Unavailable {
        if (os == null || !os.equals("Linux")) {
            throw new Unavailable("recording needs Linux (this is " + os + ")");
        }
        if (arch == null || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new Unavailable("recording needs Linux on x86-64 (this is " + arch + ")");
        }
        String path = env.getOrDefault("PATH", "");
        String cc = null;
        String wanted = env.get("CC");
        if (wanted != null && !wanted.isBlank()) {
            cc = wanted.contains("/") ? (Files.isExecutable(Path.of(wanted)) ? wanted : null) : which(wanted, path);
        }
        for (String c : new String[] {"cc", "gcc", "clang"}) {
            if (cc == null) {
                cc = which(c, path);
            }
        }
        if (cc == null) {
            throw new Unavailable("recording needs a C compiler: none of $CC, cc, gcc, clang is on PATH");
        }
        String unshare = which("unshare", path + ":/usr/bin:/bin:/usr/sbin:/sbin");
        if (unshare == null) {
            throw new Unavailable("recording needs unshare(1) (util-linux) to make a PID namespace; it is not on PATH");
        }
        return new Tools(cc, unshare, effectiveUid() == 0);
    }

    /** The executable {@code name} in the first directory of {@code path} that has it, or null. */
    static String which(String name, String path) {
        for (String d : path.split(":")) {
            if (!d.isEmpty()) {
                Path p = Path.of(d, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    private static long effectiveUid() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    return Long.parseLong(l.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable: assume an ordinary user
        }
        return -1;
    }

    static void compile(String cc, Path src, Path prog, Path dir)
            throws Unavailable, Failure, IOException, InterruptedException {
        String out = cc(cc, src, prog, dir);
        if (out == null) {
            return;
        }
        // a compiler that cannot build even an empty program is this machine's problem, not ksim's
        Path probe = dir.resolve("probe.c");
        Files.writeString(probe, "int main(void) { return 0; }\n");
        String probeOut = cc(cc, probe, dir.resolve("probe"), dir);
        if (probeOut != null) {
            throw new Unavailable("the C compiler " + cc + " does not work ("
                    + probeOut.strip().lines().findFirst().orElse("it failed") + ")");
        }
        throw new Failure("the generated C program does not compile with " + cc + " (a bug in ksim):\n" + out.strip());
    }

    /** Runs the compiler; null when it succeeded, else its output. */
    private static String cc(String cc, Path src, Path prog, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("cc.log");
        Process p = new ProcessBuilder(cc, "-O2", "-o", prog.toString(), src.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return "the C compiler " + cc + " did not finish within 120 s";
        }
        return p.exitValue() == 0 ? null : Files.readString(log, StandardCharsets.UTF_8);
    }

    /** unshare's command line: a new PID namespace and /proc; a user namespace when not root. */
    static List<String> command(Tools t, Path prog) {
        List<String> cmd = new ArrayList<>(List.of(t.unshare()));
        if (!t.root()) {
            cmd.addAll(List.of("--user", "--map-root-user"));
        }
        // --kill-child: if unshare is killed (timeout), its child, the namespace's init, gets SIGKILL
        cmd.addAll(List.of("--pid", "--fork", "--mount-proc", "--kill-child", prog.toString()));
        return cmd;
    }

    private static Recording run(Tools tools, Path prog, Path dir, Path rtDir, Path cwd, Duration timeout, Path group)
            throws Unavailable, IOException, InterruptedException {
        Path out = dir.resolve("trace");
        Path err = dir.resolve("stderr");
        Path scenarioError = rtDir.resolve("scenario-error");
        boolean timedOut = false;
        boolean bounded;
        Process p;
        try (Sandbox box = Sandbox.create(tools.root())) {
            bounded = box.contained();
            ProcessBuilder pb = new ProcessBuilder(box.wrap(command(tools, prog), group == null ? List.of() : List.of(group)))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            environment(pb, rtDir, cwd);
            p = box.start(pb);
            long deadline = System.nanoTime() + timeout.toNanos();
            // a task that found a scenario error has stopped every task it could; what is left
            // (main asleep, a nested namespace) goes when the sandbox closes
            while (!p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                boolean failed = Files.exists(scenarioError) && Files.size(scenarioError) > 0;
                timedOut = !failed && System.nanoTime() - deadline >= 0;
                if (failed || timedOut) {
                    break;
                }
            }
        }
        String errors = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        if (!Files.exists(rtDir.resolve("started"))) {
            String why = errors.strip().lines().findFirst().orElse("unshare exited with " + p.exitValue());
            throw new Unavailable("cannot run a program as PID 1 of a new PID namespace (" + why + ")");
        }
        Path fails = rtDir.resolve("expect-failures");
        boolean failed = Files.exists(fails) && Files.size(fails) > 0;
        boolean error = Files.exists(scenarioError) && Files.size(scenarioError) > 0;
        String trace = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        return new Recording(trace, errors, failed, timedOut && !error, bounded, error);
    }

    /** What every recorded program runs with: no input, the scratch cwd, the runtime's directory. */
    static void environment(ProcessBuilder pb, Path rtDir, Path cwd) {
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).directory(cwd.toFile());
        pb.environment().remove("KSIM_EXEC");
        pb.environment().put("KSIM_RT_DIR", rtDir.toString());
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
