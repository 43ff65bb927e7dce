package ksim.scenario;

import java.util.Arrays;
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
    /**
     * byNs[namespace serial][number] → name: a table per PID namespace (serials count from 0 in
     * each kernel), indexed by the number and grown as larger numbers are named.
     */
    private String[][] byNs = new String[1][];

    /**
     * name → the PID the latest task given that name had when it was created (NAME and NAME.k
     * alike), for the names some statement reads ({@link NameSlots}: no other is ever looked
     * up, and keeping every NAME.k of a long repeat would grow without bound). The pid, not
     * the task: a thread that execs takes over its leader's PID and its own TID goes away with
     * the old leader, and the name keeps meaning that old TID.
     */
    private final HashMap<String, Pid> pids = new HashMap<>();
    private final NameSlots read;

    NameRegistry(NameSlots read) {
        this.read = read;
    }

    /** Registers {@code t} as {@code name}, created by a spawn statement of {@code base} (NAME of NAME.k). */
    void register(Task t, String name, String base) {
        if (read.slotOf(name) >= 0) {
            pids.put(name, t.threadPid);
        }
        if (!base.equals(name) && read.slotOf(base) >= 0) {
            pids.put(base, t.threadPid);
        }
        for (Pid.Upid u : t.threadPid.numbers) {
            table(u.ns().serial, u.nr())[u.nr()] = name;
        }
    }

    /** The table of namespace {@code serial}, with room for number {@code nr}. */
    private String[] table(int serial, int nr) {
        if (serial >= byNs.length) {
            byNs = Arrays.copyOf(byNs, Math.max(serial + 1, 2 * byNs.length));
        }
        String[] t = byNs[serial] != null ? byNs[serial] : new String[64];
        if (nr >= t.length) {
            t = Arrays.copyOf(t, Math.max(nr + 1, 2 * t.length));
        }
        return byNs[serial] = t;
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
        String[] t = ns.serial < byNs.length ? byNs[ns.serial] : null;
        String n = t != null && nr > 0 && nr < t.length ? t[(int) nr] : null;
        return n != null ? n : Long.toString(nr);
    }
}
