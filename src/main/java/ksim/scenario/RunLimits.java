package ksim.scenario;

import java.util.function.Consumer;

/**
 * The bounds of one run ({@code ksim run --max-time, --timeout}): simulated time since boot, and
 * wall-clock time (0: none); and where progress reports go while a long run goes on (null:
 * nowhere; the sink gets "" when the run is over, to clear what it showed).
 */
public record RunLimits(long maxTimeNs, long timeoutNs, Consumer<String> progress) {
    /**
     * --max-time's default: one hour of simulated time. The longest scenario of examples/,
     * conformance/ and inspect/ (conformance/sched/nice-shares) runs 6 s; an hour of two busy
     * CPUs takes seconds of wall time.
     */
    public static final long DEFAULT_MAX_TIME_NS = 3600L * 1_000_000_000L;

    public static final RunLimits DEFAULT = new RunLimits(DEFAULT_MAX_TIME_NS, 0, null);

    /** The largest --max-time: where the simulated clock ends ({@code Kernel.END_OF_TIME}, 2^62 ns, ~146 years). */
    public static final long MAX_MAX_TIME_NS = ksim.kernel.Kernel.END_OF_TIME;
}
