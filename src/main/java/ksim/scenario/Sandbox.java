package ksim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a recording runs, and how it is stopped: the scenario's program runs as PID 1 of a new
 * PID namespace, and runs programs as root on people's machines, so nothing it does may outlive
 * the recording. Three layers, each enough on its own for what it covers:
 * <ul>
 * <li>the namespace's init (main) is SIGKILLed from outside when the recording ends for any
 *     reason: the kernel then kills every task of the namespace and of the namespaces below it
 *     (zap_pid_ns_processes()), whatever the tasks did to their sessions, parent-death signals
 *     or credentials — SIGKILL from an ancestor namespace cannot be caught or ignored;</li>
 * <li>when this machine lets us (root, a writable cgroup hierarchy), the recording runs in a
 *     cgroup of its own with {@code pids.max} {@value #PIDS_MAX}, so that a fork bomb cannot take
 *     the host's PIDs, and everything in the group is killed at the end ({@code cgroup.kill} on
 *     cgroup v2, each member on v1); a group whose recorder died without cleaning up (SIGKILL)
 *     is emptied by the next recording;</li>
 * <li>a JVM shutdown hook stops every live recording when ksim itself is interrupted or
 *     terminated (Ctrl-C, SIGTERM).</li>
 * </ul>
 * The wall-clock limit is the caller's: it waits for the process with a timeout and then
 * calls {@link #stop}.
 */
final class Sandbox implements AutoCloseable {
    /** The most tasks a recording may have at once: far above any scenario, far below pid_max. */
    static final int PIDS_MAX = 4096;
    static final String PARENT = "ksim-record";

    private static final Set<Sandbox> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SEQ = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Sandbox::stop), "ksim-record-stop"));
    }

    /** The cgroups the recording runs in (their directories), empty when there are none. */
    private final List<Path> groups;
    private Process process;

    private Sandbox(List<Path> groups) {
        this.groups = groups;
    }

    /**
     * A sandbox for one recording: its own cgroups where this machine allows them (root, a
     * writable cgroup v2 or v1 pids hierarchy), else none (then {@link #contained()} is false).
     */
    static Sandbox create(boolean root) {
        List<Path> groups = new ArrayList<>();
        if (root) {
            String name = "rec-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
            for (CgroupMount m : CgroupMount.find()) {
                Path g = m.newGroup(name);
                if (g != null) {
                    groups.add(g);
                }
            }
        }
        return new Sandbox(groups);
    }

    /** Whether the recording's task count is bounded (some hierarchy took pids.max). */
    boolean contained() {
        for (Path g : groups) {
            if (Files.exists(g.resolve("pids.max"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code cmd} run from a shell that first moves itself into the sandbox's groups and then
     * {@code extra} ones (its children follow it), so that nothing of the recording ever runs
     * outside them.
     */
    List<String> wrap(List<String> cmd, List<Path> extra) {
        List<Path> all = new ArrayList<>(groups);
        all.addAll(extra);
        if (all.isEmpty()) {
            return cmd;
        }
        StringBuilder join = new StringBuilder();
        for (Path g : all) {
            join.append("echo $$ > '").append(g.resolve("cgroup.procs")).append("' && ");
        }
        List<String> w = new ArrayList<>(List.of("/bin/sh", "-c", join + "exec \"$@\"", "sh"));
        w.addAll(cmd);
        return w;
    }

    /** Starts the recording's process (from {@link #wrap}); from now on {@link #stop} stops it. */
    Process start(ProcessBuilder pb) throws IOException {
        LIVE.add(this);
        try {
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            LIVE.remove(this);
            throw e;
        }
        return process;
    }

    /**
     * Kills everything the recording started: the namespace's init first (which takes the
     * whole namespace with it), then unshare and the shell, then whatever is left in the
     * groups. Safe to call more than once, and from the shutdown hook.
     */
    synchronized void stop() {
        if (process != null) {
            ProcessHandle h = process.toHandle();
            // unshare's child is the namespace's init (the cgroup shell exec'd unshare in place)
            h.children().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        }
        for (Path g : groups) {
            CgroupMount.killAll(g);
        }
    }

    /** Stops the recording, waits for it, and removes its groups. */
    @Override
    public void close() {
        stop();
        try {
            if (process != null) {
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Path g : groups) {
            CgroupMount.remove(g);
        }
        LIVE.remove(this);
    }
}
