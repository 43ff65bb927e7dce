package ksim.kernel.sched;

import ksim.kernel.Kernel;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;

/**
 * kernel/sched/cputime.c: the times /proc and wait report. utime and stime are sampled a
 * whole tick at a time (account_process_tick()); cputime_adjust() then scales the precise
 * sum_exec_runtime by that user/system split, never letting either go backwards.
 */
public final class Cputime {
    private Cputime() {}

    /** USER_HZ: the unit of times in /proc (clock_t). */
    public static final int USER_HZ = 100;

    /** task_sched_runtime(): sum_exec_runtime including the part of a running slice not yet charged. */
    public static long taskSchedRuntime(Kernel k, Task t) {
        long rt = t.se.sumExecRuntime;
        if (t.onCpu && t.cpu >= 0 && k.sched.rqs[t.cpu].curr == t && t != k.sched.rqs[t.cpu].idle) {
            rt += k.now() - t.se.execStart;
        }
        return rt;
    }

    /** thread_group_cputime_adjusted(): {utime, stime} of the whole group, in ns. */
    public static long[] threadGroupCputimeAdjusted(Kernel k, Task p) {
        SignalStruct sig = p.signal;
        long utime = sig.utime;
        long stime = sig.stime;
        long rtime = sig.sumExecRuntime;
        for (Task t : sig.threadHead) {
            utime += t.utime;
            stime += t.stime;
            rtime += taskSchedRuntime(k, t);
        }
        return cputimeAdjust(rtime, utime, stime, sig.prevCputime);
    }

    /**
     * task_cputime_adjusted(): {utime, stime} of one thread in ns, monotonic through its own
     * prev_cputime. Without nohz_full accounting the runtime is se.sum_exec_runtime as last
     * charged (task_cputime() returns false), not including what a running thread has run since.
     */
    public static long[] taskCputimeAdjusted(Task p) {
        return cputimeAdjust(p.se.sumExecRuntime, p.utime, p.stime, p.prevCputime);
    }

    /** cputime_adjust(): {utime, stime} scaled to rtime, monotonic through {@code prev}. */
    public static long[] cputimeAdjust(long rtime, long utime, long stime, ksim.kernel.task.PrevCputime prev) {
        if (prev.stime + prev.utime < rtime) {
            if (stime == 0) {
                utime = rtime;
            } else if (utime == 0) {
                stime = rtime;
            } else {
                stime = Math.min(mulDiv(stime, rtime, stime + utime), rtime);
            }
            if (stime < prev.stime) {
                stime = prev.stime;
            }
            utime = rtime - stime;
            if (utime < prev.utime) {
                utime = prev.utime;
                stime = rtime - utime;
            }
            prev.stime = stime;
            prev.utime = utime;
        }
        return new long[] {prev.utime, prev.stime};
    }

    /** mul_u64_u64_div_u64(). */
    private static long mulDiv(long a, long b, long c) {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return a * b / c;
        }
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                .divide(java.math.BigInteger.valueOf(c)).longValueExact();
    }

    /** nsec_to_clock_t(). */
    public static long nsecToClockT(long ns) {
        return ns / (1_000_000_000L / USER_HZ);
    }
}
