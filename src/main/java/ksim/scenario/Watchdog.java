package ksim.scenario;

import ksim.kernel.Kernel;

/**
 * A run's wall-clock limit and progress report ({@link Kernel#watchdog}): looked at every
 * {@link Kernel#WATCH_PERIOD} events, so the clock is read every few milliseconds of a run,
 * never per event. Wall time decides only whether and where a run is cut short, never what
 * happens in it.
 */
final class Watchdog implements Runnable {
    /** No report before a run has gone on this long, and then one at most this often. */
    private static final long FIRST_REPORT_NS = 1_000_000_000L;
    private static final long REPORT_EVERY_NS = 500_000_000L;

    private final Kernel k;
    private final String file;
    private final RunLimits limits;
    private final long start = System.nanoTime();
    private long nextReport;
    private boolean reported;

    /** A watchdog whose first progress report comes after {@code firstReportNs} of wall time. */
    Watchdog(Kernel k, String file, RunLimits limits, long firstReportNs) {
        this.k = k;
        this.file = file;
        this.limits = limits;
        this.nextReport = firstReportNs;
    }

    /** The watchdog {@code limits} need on {@code k}, installed; null when they need none. */
    static Watchdog install(Kernel k, String file, RunLimits limits) {
        if (limits.timeoutNs() <= 0 && limits.progress() == null) {
            return null;
        }
        Watchdog w = new Watchdog(k, file, limits, FIRST_REPORT_NS);
        k.watchdog = w;
        return w;
    }

    @Override
    public void run() {
        long elapsed = System.nanoTime() - start;
        if (limits.timeoutNs() > 0 && elapsed >= limits.timeoutNs()) {
            k.stop(file + " was still running after " + RunEnd.seconds(limits.timeoutNs())
                    + " of wall-clock time (--timeout), at " + RunEnd.seconds(k.now())
                    + " of simulated time, and was stopped; the trace holds what it printed until then");
            return;
        }
        if (limits.progress() != null && elapsed >= nextReport) {
            nextReport = elapsed + REPORT_EVERY_NS;
            reported = true;
            limits.progress().accept("ksim: " + file + ": " + k.now() / 1_000_000_000L + " s of "
                    + limits.maxTimeNs() / 1_000_000_000L + " s simulated (--max-time), "
                    + elapsed / 1_000_000_000L + " s elapsed");
        }
    }

    /** The run is over: a progress report shown is cleared. */
    void finish() {
        if (reported) {
            limits.progress().accept("");
        }
    }
}
