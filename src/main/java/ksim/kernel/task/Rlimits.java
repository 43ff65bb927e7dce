package ksim.kernel.task;

import static ksim.abi.Resource.*;

import java.util.Arrays;

/**
 * The {@link ksim.abi.Resource} limits a thread group shares (signal->rlim), with init_task's
 * defaults (include/asm-generic/resource.h). RLIM_INFINITY is ~0UL, so limits compare as
 * unsigned numbers.
 */
public final class Rlimits {
    /** sysctl_nr_open: the hard ceiling of RLIMIT_NOFILE. */
    public static final long NR_OPEN = 1024 * 1024;

    /** Soft and hard limits, read directly; written only through {@link #set} (copy_signal() shares them until then). */
    public long[] cur = new long[RLIM_NLIMITS];
    public long[] max = new long[RLIM_NLIMITS];
    private boolean shared;

    /** INIT_RLIMITS, with RLIMIT_NPROC and RLIMIT_SIGPENDING at max_threads / 2 as fork_init() sets them. */
    public static Rlimits initial(int maxThreads) {
        Rlimits r = new Rlimits();
        Arrays.fill(r.cur, RLIM_INFINITY);
        Arrays.fill(r.max, RLIM_INFINITY);
        r.set(RLIMIT_STACK, 8L << 20, RLIM_INFINITY);
        r.set(RLIMIT_CORE, 0, RLIM_INFINITY);
        r.set(RLIMIT_NOFILE, 1024, 4096);
        r.set(RLIMIT_MEMLOCK, 8L << 20, 8L << 20);
        r.set(RLIMIT_MSGQUEUE, 819200, 819200);
        r.set(RLIMIT_NICE, 0, 0);
        r.set(RLIMIT_RTPRIO, 0, 0);
        r.set(RLIMIT_NPROC, maxThreads / 2, maxThreads / 2);
        r.set(RLIMIT_SIGPENDING, maxThreads / 2, maxThreads / 2);
        return r;
    }

    public void set(int resource, long soft, long hard) {
        if (shared) {
            cur = cur.clone();
            max = max.clone();
            shared = false;
        }
        cur[resource] = soft;
        max[resource] = hard;
    }

    /** copy_signal()'s memcpy of signal->rlim, made lazily: both sides share until one writes. */
    public Rlimits copy() {
        Rlimits r = new Rlimits();
        r.cur = cur;
        r.max = max;
        r.shared = true;
        shared = true;
        return r;
    }
}
