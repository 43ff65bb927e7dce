package ksim.kernel.sched;

/**
 * kernel/sched/loadavg.c: the load average. Every LOAD_FREQ (5 s and one tick) the number
 * of runnable plus uninterruptible tasks, in FSHIFT fixed point, is folded into three
 * exponentially decaying averages (1, 5 and 15 minutes). Periods in which every CPU was
 * idle and no tick ran are caught up as calc_global_nohz() does, counting only D sleepers.
 */
public final class LoadAvg {
    public static final int FSHIFT = 11;
    public static final long FIXED_1 = 1L << FSHIFT;
    static final long EXP_1 = 1884, EXP_5 = 2014, EXP_15 = 2037;
    private static final long[] EXP = {EXP_1, EXP_5, EXP_15};

    private final long loadFreqNs;
    /** calc_load_update: when the next sample is due. */
    private long nextUpdate;
    /** avenrun[]: the 1, 5 and 15 minute averages, FIXED_1 = 1.0. */
    private final long[] avenrun = new long[3];

    LoadAvg(int hz) {
        long tick = 1_000_000_000L / hz;
        this.loadFreqNs = (5L * hz + 1) * tick;
        this.nextUpdate = loadFreqNs;
    }

    /** avenrun[i] as it stands (no catching up): what a tracer samples without changing the run. */
    public long avenrun(int i) {
        return avenrun[i];
    }

    /** calc_load(). */
    static long calcLoad(long load, long exp, long active) {
        long newload = load * exp + active * (FIXED_1 - exp);
        if (active >= load) {
            newload += FIXED_1 - 1;
        }
        return newload / FIXED_1;
    }

    /** calc_global_load(), from a tick: the current count for the last period, idle ones before it. */
    void tick(Scheduler s, long now) {
        if (now < nextUpdate) {
            return;
        }
        catchUp(s, now - loadFreqNs);
        fold(active(s, true));
        nextUpdate += loadFreqNs;
    }

    /** The averages as of {@code now}: {1, 5, 15} minutes in FIXED_1 units. */
    public long[] read(Scheduler s, long now) {
        catchUp(s, now);
        return avenrun.clone();
    }

    /** Periods that ended by {@code until} without a tick to sample them: only D sleepers were there. */
    private void catchUp(Scheduler s, long until) {
        while (nextUpdate <= until) {
            fold(active(s, false));
            nextUpdate += loadFreqNs;
        }
    }

    private void fold(long active) {
        for (int i = 0; i < 3; i++) {
            avenrun[i] = calcLoad(avenrun[i], EXP[i], active);
        }
    }

    /** calc_load_fold_active(): nr_running + nr_uninterruptible over all CPUs, in fixed point. */
    private static long active(Scheduler s, boolean running) {
        long n = 0;
        for (RunQueue rq : s.rqs) {
            n += rq.nrUninterruptible + (running ? rq.nrRunning : 0);
        }
        return Math.max(0, n) * FIXED_1;
    }

    /** "0.52" as /proc/loadavg prints an average (LOAD_INT.LOAD_FRAC). */
    public static String format(long load) {
        long x = load + FIXED_1 / 200;
        return (x >> FSHIFT) + "." + String.format("%02d", ((x & (FIXED_1 - 1)) * 100) >> FSHIFT);
    }
}
