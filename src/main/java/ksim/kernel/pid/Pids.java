package ksim.kernel.pid;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.task.Task;

/** kernel/pid.c: alloc_pid(), free_pid(), attach_pid(), detach_pid() and the lookups. */
public final class Pids {
    private Pids() {}

    /**
     * alloc_pid(ns): one number in {@code ns} and in every ancestor namespace, innermost first
     * as Linux allocates them. Returns null and sets {@code err[0]} on failure.
     */
    public static Pid allocPid(PidNamespace ns, int pidMax, long[] err) {
        Pid.Upid[] numbers = new Pid.Upid[ns.level + 1];
        PidNamespace tmp = ns;
        for (int i = ns.level; i >= 0; i--) {
            int nr = tmp.allocNr(pidMax);
            if (nr < 0) {
                unreserve(numbers, i + 1);
                err[0] = Errno.EAGAIN.ret();
                return null;
            }
            numbers[i] = new Pid.Upid(nr, tmp);
            tmp = tmp.parent;
        }
        if (!ns.adding) { // the namespace's init has died: disable_pid_allocation()
            unreserve(numbers, 0);
            err[0] = Errno.ENOMEM.ret();
            return null;
        }
        Pid pid = new Pid(numbers);
        for (Pid.Upid u : numbers) {
            u.ns().install(u.nr(), pid);
        }
        return pid;
    }

    private static void unreserve(Pid.Upid[] numbers, int from) {
        for (int j = from; j < numbers.length; j++) {
            numbers[j].ns().unreserve(numbers[j].nr());
        }
    }

    /** init_struct_pid: number 0 in the initial namespace, shared by the idle tasks, never in the idr. */
    public static Pid initStructPid(PidNamespace initNs) {
        return new Pid(new Pid.Upid[] {new Pid.Upid(0, initNs)});
    }

    /**
     * free_pid(): the numbers go back to their namespaces. When all that is left of a dying
     * namespace is its reaper, the reaper is woken: it may be waiting for the last task in
     * zap_pid_ns_processes().
     */
    public static void freePid(Kernel k, Pid pid) {
        for (Pid.Upid u : pid.numbers) {
            PidNamespace ns = u.ns();
            ns.release(u.nr());
            if (!ns.adding && (ns.pidAllocated == 1 || ns.pidAllocated == 2) && ns.childReaper != null) {
                k.sched.wakeUpProcess(ns.childReaper);
            }
        }
    }

    /** attach_pid(task, type): {@code task.pids[type]} must already be set. */
    public static void attachPid(Task task, int type) {
        Pid pid = task.pidOf(type);
        pid.tasksForAdd(type).addTail(task.pidLinks[type]);
    }

    /** detach_pid() / __change_pid(task, type, null): frees the numbers when no task uses the pid any more. */
    public static void detachPid(Kernel k, Task task, int type) {
        Pid pid = task.pidOf(type);
        task.pidLinks[type].unlink();
        for (int t = 0; t < PidType.PIDTYPE_MAX; t++) {
            if (pid.hasTask(t)) {
                return;
            }
        }
        freePid(k, pid);
    }

    /** change_pid(task, type, pid): detach from the old pid of that type and attach to {@code pid}. */
    public static void changePid(Kernel k, Task task, int type, Pid pid) {
        detachPid(k, task, type);
        task.setPid(type, pid);
        attachPid(task, type);
    }

    /** find_task_by_pid_ns(nr, ns). */
    public static Task findTaskByPidNs(int nr, PidNamespace ns) {
        Pid pid = ns.find(nr);
        return pid == null ? null : pid.task(PidType.PIDTYPE_PID);
    }

    /** find_get_pid() in the caller's namespace (find_vpid). */
    public static Pid findVpid(Task current, int nr) {
        return current.activePidNs().find(nr);
    }
}
