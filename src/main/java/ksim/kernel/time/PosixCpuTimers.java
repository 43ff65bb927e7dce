package ksim.kernel.time;

import ksim.abi.Resource;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;

/**
 * kernel/time/posix-cpu-timers.c, the part process management shows: RLIMIT_CPU. From the
 * tick of a CPU running the process (run_posix_cpu_timers()), check_process_timers() compares
 * the group's tick-sampled user + system time (CPUCLOCK_PROF) with the limit in seconds:
 * at the hard limit SIGKILL; at the soft limit SIGXCPU, and the soft limit moves one second
 * on, so SIGXCPU comes again every CPU second until the hard limit.
 */
public final class PosixCpuTimers {
    private PosixCpuTimers() {}

    private static final long NSEC_PER_SEC = 1_000_000_000L;

    /** run_posix_cpu_timers() for {@code tsk}, the task a tick found running. */
    public static void runPosixCpuTimers(Kernel k, Task tsk) {
        SignalStruct sig = tsk.signal;
        long soft = sig.rlim.cur[Resource.RLIMIT_CPU];
        if (soft == Resource.RLIM_INFINITY || (sig.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0) {
            return;
        }
        long hard = sig.rlim.max[Resource.RLIMIT_CPU];
        long ptime = profTime(tsk);
        if (hard != Resource.RLIM_INFINITY && Long.compareUnsigned(ptime, mulSec(hard)) >= 0) {
            Signals.sendSignal(k, Signal.SIGKILL, tsk); // at the hard limit: no further action
            return;
        }
        if (Long.compareUnsigned(ptime, mulSec(soft)) >= 0) {
            Signals.sendSignal(k, Signal.SIGXCPU, tsk);
            sig.rlim.set(Resource.RLIMIT_CPU, soft + 1, hard);
        }
    }

    /** The CPUCLOCK_PROF sample: utime + stime of every thread, living and dead. */
    private static long profTime(Task tsk) {
        SignalStruct sig = tsk.signal;
        long t = sig.utime + sig.stime;
        for (Task th : sig.threadHead) {
            t += th.utime + th.stime;
        }
        return t;
    }

    /** Seconds to nanoseconds, saturating (limits near RLIM_INFINITY never expire). */
    private static long mulSec(long sec) {
        return Long.compareUnsigned(sec, Long.MAX_VALUE / NSEC_PER_SEC) > 0 ? -1L : sec * NSEC_PER_SEC;
    }
}
