package ksim.kernel.sys;

import static ksim.abi.Resource.RUSAGE_BOTH;
import static ksim.abi.Resource.RUSAGE_CHILDREN;
import static ksim.abi.Resource.RUSAGE_SELF;
import static ksim.abi.Resource.RUSAGE_THREAD;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.sched.Cputime;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserPtr;

/**
 * kernel/sys.c: getrusage() and times(), read from the accounting that exit and wait keep: a
 * dead thread's counts go to its signal_struct (__exit_signal()), a reaped child's whole
 * process, and what it had reaped itself, to its parent's c* fields (wait_task_zombie()).
 */
public final class Rusage {
    private Rusage() {}


    /** struct rusage as far as ksim keeps it: ru_utime and ru_stime in µs (struct timeval), ru_nvcsw, ru_nivcsw. */
    public record Usage(long utimeUs, long stimeUs, long nvcsw, long nivcsw) {}

    /** struct tms: clock_t, in USER_HZ ticks. */
    public record Tms(long utime, long stime, long cutime, long cstime) {}

    /** getrusage(who, &ru): EINVAL for anything but RUSAGE_SELF, RUSAGE_CHILDREN and RUSAGE_THREAD. */
    public static Syscall getrusage(int who, UserPtr<Usage> ru) {
        return Sys.of("getrusage", (k, t) -> {
            if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) {
                return Errno.EINVAL.ret();
            }
            ru.put(getrusage(k, t, who));
            return 0;
        });
    }

    /** getrusage(): times are adjusted (cputime_adjust()) as /proc shows them, then cut to µs. */
    private static Usage getrusage(Kernel k, Task p, int who) {
        if (who == RUSAGE_THREAD) { // task_cputime_adjusted() and accumulate_thread_rusage()
            long[] ut = Cputime.taskCputimeAdjusted(p);
            return new Usage(us(ut[0]), us(ut[1]), p.nvcsw, p.nivcsw);
        }
        SignalStruct sig = p.signal;
        long utime = 0;
        long stime = 0;
        long nvcsw = 0;
        long nivcsw = 0;
        if (who == RUSAGE_CHILDREN || who == RUSAGE_BOTH) {
            utime = sig.cutime;
            stime = sig.cstime;
            nvcsw = sig.cnvcsw;
            nivcsw = sig.cnivcsw;
        }
        if (who != RUSAGE_CHILDREN) {
            nvcsw += sig.nvcsw;
            nivcsw += sig.nivcsw;
            for (Task t : sig.threadHead) {
                nvcsw += t.nvcsw;
                nivcsw += t.nivcsw;
            }
            long[] tg = Cputime.threadGroupCputimeAdjusted(k, p);
            utime += tg[0];
            stime += tg[1];
        }
        return new Usage(us(utime), us(stime), nvcsw, nivcsw);
    }

    /** ns_to_kernel_old_timeval(), as µs. */
    private static long us(long ns) {
        return ns / 1000;
    }

    /** times(&tbuf): do_sys_times() copied out; returns the clock ticks since boot (from INITIAL_JIFFIES). */
    public static Syscall times(UserPtr<Tms> tbuf) {
        return Sys.of("times", (k, t) -> {
            long[] tg = Cputime.threadGroupCputimeAdjusted(k, t);
            UserPtr.put(tbuf, new Tms(Cputime.nsecToClockT(tg[0]), Cputime.nsecToClockT(tg[1]),
                    Cputime.nsecToClockT(t.signal.cutime), Cputime.nsecToClockT(t.signal.cstime)));
            return jiffies64ToClockT(k);
        });
    }

    /**
     * jiffies_64_to_clock_t(get_jiffies_64()): jiffies start at INITIAL_JIFFIES, 300 s before a
     * 32-bit wrap (measured: 14253 s after boot at HZ 250, times() returned 1719382236; this
     * gives 1719382255 from that machine's monotonic clock: jiffies start a moment after it).
     */
    private static long jiffies64ToClockT(Kernel k) {
        long initialJiffies = 0xffffffffL & (-300L * k.config.hz);
        long jiffies = initialJiffies + k.now() / k.config.tickNs();
        return jiffies * Cputime.USER_HZ / k.config.hz;
    }
}
