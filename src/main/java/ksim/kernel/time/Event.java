package ksim.kernel.time;

/**
 * Something that happens at a simulated instant: a timer expiry, a CPU finishing a burst,
 * a scheduler tick. Events are reusable objects (a CPU re-arms the same one), so the hot
 * paths allocate nothing. Ordering is (time, seq): seq is taken when the event is armed,
 * so two events due at the same nanosecond fire in the order they were armed.
 */
public abstract class Event {
    long time;
    long seq;
    int heapIndex = -1;

    public final boolean isQueued() {
        return heapIndex >= 0;
    }

    public final long expires() {
        return time;
    }

    /** Runs with the kernel clock set to {@link #expires()}. */
    public abstract void fire();
}
