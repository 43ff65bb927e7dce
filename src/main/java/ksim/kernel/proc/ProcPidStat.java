package ksim.kernel.proc;

import ksim.kernel.CostModel;
import ksim.kernel.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.Pids;
import ksim.kernel.sched.Cputime;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * Reading /proc/PID/stat (fs/proc/array.c: do_task_stat() with whole = 1) from the
 * caller's PID namespace: the PID is looked up as proc_pid_lookup() does, and a missing
 * entry fails with ESRCH. The fields process management shows are kept in {@link #stat}.
 */
public final class ProcPidStat extends Syscall {
    /** The fields read so far; more arrive with the /proc issue. */
    public record Stat(int pid, String comm, char state, int ppid, long utimeTicks, long stimeTicks) {}

    private final int nr;
    public Stat stat;

    public ProcPidStat(int nr) {
        this.nr = nr;
    }

    @Override
    public String name() {
        return "read";
    }

    @Override
    public long cost(CostModel c) {
        return c.procReadNs;
    }

    @Override
    public long run(Kernel k, Task current) {
        PidNamespace ns = current.activePidNs();
        Task task = nr > 0 ? Pids.findTaskByPidNs(nr, ns) : null;
        if (task == null) {
            return Errno.ESRCH.ret();
        }
        stat = read(k, task, ns);
        return 0;
    }

    /** do_task_stat(): the fields as a reader in {@code ns} sees them. */
    public static Stat read(Kernel k, Task task, PidNamespace ns) {
        int ppid = task.pidAlive() ? task.realParent.tgidNr(ns) : 0;
        long[] ut = Cputime.threadGroupCputimeAdjusted(k, task);
        return new Stat(task.pidNr(ns), task.comm, TaskState.letter(task), ppid,
                Cputime.nsecToClockT(ut[0]), Cputime.nsecToClockT(ut[1]));
    }
}
