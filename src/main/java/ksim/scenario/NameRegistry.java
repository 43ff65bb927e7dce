package ksim.scenario;

import java.util.HashMap;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.task.Task;

/**
 * Which scenario name each PID was given, per PID namespace, shared by all the scenario's
 * tasks (the real-Linux recorder keeps the same registry in shared memory). A name stays
 * registered after its task is reaped, so a wait's result still prints the name.
 */
final class NameRegistry {
    /** (namespace serial, number) → name. Only looked up, never iterated. */
    private final HashMap<Long, String> names = new HashMap<>();

    private static long key(PidNamespace ns, long nr) {
        return ((long) ns.serial << 32) | (nr & 0xffffffffL);
    }

    /**
     * name → the PID the latest task given that name had when it was created (NAME and NAME.k
     * alike). The pid, not the task: a thread that execs takes over its leader's PID and its own
     * TID goes away with the old leader, and the name keeps meaning that old TID.
     */
    private final HashMap<String, Pid> pids = new HashMap<>();

    void register(Task t, String name) {
        pids.put(name, t.threadPid);
        int dot = name.indexOf('.');
        if (dot > 0) {
            pids.put(name.substring(0, dot), t.threadPid);
        }
        for (Pid.Upid u : t.threadPid.numbers) {
            names.put(key(u.ns(), u.nr()), name);
        }
    }

    /** What {@link #pidOf} answers for a name no task has been given yet. */
    static final long NONE = -1;

    /**
     * The PID, as namespace {@code ns} numbers it, of the latest task named {@code name}:
     * how a task refers to a task it never learnt the PID of (0 when that task is not visible
     * in {@code ns}; {@link #NONE} when no task has had that name).
     */
    long pidOf(String name, PidNamespace ns) {
        Pid p = pids.get(name);
        return p == null ? NONE : p.nrIn(ns);
    }

    /** How a PID prints for a task in {@code ns}: its name, or the number where none is registered. */
    String format(PidNamespace ns, long nr) {
        String n = nr > 0 ? names.get(key(ns, nr)) : null;
        return n != null ? n : Long.toString(nr);
    }
}
