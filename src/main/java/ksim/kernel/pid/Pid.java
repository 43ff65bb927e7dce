package ksim.kernel.pid;

import ksim.kernel.task.Task;
import ksim.kernel.util.ListHead;

/**
 * include/linux/pid.h: struct pid. One number per namespace level, from the initial
 * namespace (level 0) down to the namespace the task was created in, and for each pid type
 * the tasks that use this pid (the thread with this TID, the group with this TGID, the
 * members of this process group or session).
 */
public final class Pid {
    /** numbers[i].nr is the PID in namespace numbers[i].ns, whose level is i (struct upid). */
    public final Upid[] numbers;
    /** tasks[type]: the tasks using this pid as that type; a head is made when first needed. */
    @SuppressWarnings("unchecked")
    private final ListHead<Task>[] heads = new ListHead[PidType.PIDTYPE_MAX];
    /** What an unused type's list reads as: empty, never added to. */
    private static final ListHead<Task> NONE = ListHead.head();

    public record Upid(int nr, PidNamespace ns) {}

    Pid(Upid[] numbers) {
        this.numbers = numbers;
    }

    /** pid->tasks[type], for reading. */
    public ListHead<Task> tasks(int type) {
        ListHead<Task> h = heads[type];
        return h != null ? h : NONE;
    }

    /** pid->tasks[type], to add to. */
    ListHead<Task> tasksForAdd(int type) {
        ListHead<Task> h = heads[type];
        if (h == null) {
            h = heads[type] = ListHead.head();
        }
        return h;
    }

    public int level() {
        return numbers.length - 1;
    }

    /** The namespace the pid was allocated in (ns_of_pid()). */
    public PidNamespace ns() {
        return numbers[numbers.length - 1].ns;
    }

    /** kernel/pid.c: pid_nr_ns(): the number in {@code ns}, 0 when the pid is not visible there. */
    public int nrIn(PidNamespace ns) {
        if (ns.level <= level()) {
            Upid u = numbers[ns.level];
            if (u.ns == ns) {
                return u.nr;
            }
        }
        return 0;
    }

    /** pid_nr(): the number in the initial namespace. */
    public int globalNr() {
        return numbers[0].nr;
    }

    /** pid_task(): the first task using this pid as {@code type}, or null. */
    public Task task(int type) {
        return tasks(type).first();
    }

    /** pid_has_task(). */
    public boolean hasTask(int type) {
        return !tasks(type).isEmpty();
    }
}
