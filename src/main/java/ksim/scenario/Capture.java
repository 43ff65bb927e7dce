package ksim.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import ksim.kernel.proc.ProcView;
import ksim.kernel.proc.RealProcView;

/**
 * The real-kernel capture harness ({@code ksim capture}): the scenario runs on this machine's
 * kernel exactly as {@link Recorder} runs it, and at a time measured from when main's block
 * starts, files of the scenario's /proc are read and returned.
 *
 * <p>main's start is the line {@code ksim-capture: main started} that the C runtime writes on
 * stderr when $KSIM_CAPTURE is set, just before main's first statement (ksim's
 * {@link ScenarioRunner#inspect} starts its clock at the same point: main's exec of itself
 * returning to user mode). The files are read from outside the scenario, through main's root
 * ({@code /proc/HOSTPID/root/proc/...}): that is the scenario's own procfs, mounted for its PID
 * namespace, so PIDs are the namespace's, and reading it adds no task to the scenario (a reader
 * entering the namespace with nsenter would take a PID there and show up in its /proc). The
 * reader is outside the namespace, so /proc/self and /proc/thread-self do not resolve there.
 */
public final class Capture {
    private Capture() {}

    /** The stderr line main writes as its block starts (ksim_rt.h: RT_CAPTURE_MARK). */
    static final String MARK = "ksim-capture: main started";

    /** What {@code look} returned (null when main never started), and the program's other stderr. */
    public record Result<R>(R value, String errors, boolean started) {}

    /**
     * Runs {@code sc} on the real kernel and, {@code atNs} after main's block starts, lets
     * {@code look} read the scenario's /proc (paths as the scenario sees them: /proc/1/stat is
     * main's); the scenario is then killed.
     */
    public static <R> Result<R> capture(Ast.Scenario sc, long atNs, Function<ProcView, R> look, Duration timeout)
            throws Recorder.Unavailable, Recorder.Failure, IOException, InterruptedException {
        return captureRoot(sc, atNs, root -> look.apply(new RealProcView(root)), timeout);
    }

    /**
     * As {@link #capture}, {@code look} getting the directory of the scenario's /proc instead
     * ({@code /proc/MAINPID/root/proc}), for what a {@link ProcView} does not tell: who owns
     * /proc/PID (what pstree stat()s), which {@link ToolCapture}'s copy keeps.
     */
    public static <R> Result<R> captureRoot(Ast.Scenario sc, long atNs, Function<Path, R> look, Duration timeout)
            throws Recorder.Unavailable, Recorder.Failure, IOException, InterruptedException {
        Recorder.Tools tools = Recorder.tools(System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getenv());
        Path dir = Files.createTempDirectory("ksim-capture-");
        Path rtDir = null;
        Path cwd = null;
        try {
            Path src = dir.resolve("main.c");
            Path prog = dir.resolve("main");
            Files.writeString(src, Recorder.program(sc), StandardCharsets.UTF_8);
            Recorder.compile(tools.cc(), src, prog, dir);
            Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));
            rtDir = Recorder.runtimeDir(dir);
            Files.setPosixFilePermissions(rtDir, PosixFilePermissions.fromString("rwx--x--x"));
            cwd = Recorder.scratchDir();
            return run(tools, prog, dir, rtDir, cwd, atNs, look, timeout);
        } finally {
            Recorder.deleteTree(dir);
            if (rtDir != null) {
                Recorder.deleteTree(rtDir);
            }
            if (cwd != null) {
                Recorder.deleteTree(cwd);
            }
        }
    }

    private static <R> Result<R> run(Recorder.Tools tools, Path prog, Path dir, Path rtDir, Path cwd, long atNs,
            Function<Path, R> look, Duration timeout) throws Recorder.Unavailable, IOException, InterruptedException {
        Sandbox box = Sandbox.create(tools.root());
        ProcessBuilder pb = new ProcessBuilder(box.wrap(Recorder.command(tools, prog), List.of()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("trace").toFile()))
                .redirectError(ProcessBuilder.Redirect.PIPE);
        Recorder.environment(pb, rtDir, cwd);
        pb.environment().put("KSIM_CAPTURE", "1");
        Process p;
        try {
            p = box.start(pb);
        } catch (IOException e) {
            box.close();
            throw e;
        }
        CountDownLatch started = new CountDownLatch(1);
        long[] startNs = new long[1];
        StringBuilder errors = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    if (line.equals(MARK) && started.getCount() > 0) {
                        startNs[0] = System.nanoTime();
                        started.countDown();
                    } else {
                        synchronized (errors) {
                            errors.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the program's stderr closed under us: what was read so far is kept
            }
        }, "ksim-capture-stderr");
        reader.setDaemon(true);
        reader.start();
        R value = null;
        boolean ok;
        try {
            ok = started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (ok) {
                long wait = startNs[0] + atNs - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                value = look.apply(Path.of("/proc/" + mainPid(p) + "/root/proc"));
            }
        } finally {
            box.close();
            reader.join(5000);
        }
        String err;
        synchronized (errors) {
            err = errors.toString();
        }
        if (!ok && !Files.exists(rtDir.resolve("started"))) {
            String why = err.strip().lines().findFirst().orElse("unshare exited with " + p.exitValue());
            throw new Recorder.Unavailable("cannot run a program as PID 1 of a new PID namespace (" + why + ")");
        }
        return new Result<>(value, err, ok);
    }

    /** The host PID of main: unshare's only child (it forks, and the child execs the program). */
    private static long mainPid(Process unshare) {
        Optional<ProcessHandle> child = unshare.toHandle().children().findFirst();
        return child.map(ProcessHandle::pid).orElse(-1L);
    }
}
