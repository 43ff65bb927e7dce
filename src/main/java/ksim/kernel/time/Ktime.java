package ksim.kernel.time;

/**
 * include/linux/ktime.h: the kernel's nanosecond time arithmetic where a sum may overflow.
 * Times are signed 64-bit nanoseconds; {@link #KTIME_MAX} means "never" (an hrtimer set that far
 * never fires), and a sum that would pass it stays at it, so a huge duration can never wrap
 * into the past.
 */
public final class Ktime {
    private Ktime() {}

    /** KTIME_MAX: the largest time, ~292 years. */
    public static final long KTIME_MAX = Long.MAX_VALUE;

    /** ktime_add_safe(): {@code a + b} for {@code a, b >= 0}, KTIME_MAX when the sum overflows (wraps negative). */
    public static long addSafe(long a, long b) {
        long r = a + b;
        return r < 0 ? KTIME_MAX : r;
    }
}
