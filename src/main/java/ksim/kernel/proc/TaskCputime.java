package ksim.kernel.proc;

import ksim.kernel.Kernel;
import ksim.kernel.sched.Cputime;
import ksim.kernel.task.Task;

/**
 * kernel/sched/cputime.c: the times /proc/PID/stat shows. A process (whole group) is
 * {@link Cputime#threadGroupCputimeAdjusted}; a single thread (task/TID/stat) is
 * task_cputime_adjusted(): its tick-sampled utime/stime scaled to its sum_exec_runtime by
 * cputime_adjust(), monotonic through the thread's own prev_cputime. (Cputime keeps
 * cputime_adjust() for the group's prev_cputime; this is the same arithmetic on the thread's.)
 */
final class TaskCputime {
    private TaskCputime() {}

    /** thread_group_cputime_adjusted(): {utime, stime} in ns. */
    static long[] group(Kernel k, Task t) {
        return Cputime.threadGroupCputimeAdjusted(k, t);
    }

    /**
     * task_cputime_adjusted(): {utime, stime} in ns. Without nohz_full accounting the runtime
     * is se.sum_exec_runtime as last charged (task_cputime() returns false), not including
     * what a running thread has run since.
     */
    static long[] thread(Task p) {
        return Cputime.cputimeAdjust(p.se.sumExecRuntime, p.utime, p.stime, p.prevCputime);
    }
}
