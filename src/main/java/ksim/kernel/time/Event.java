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
    /**
     * TIMER_DEFERRABLE: the event happens when its time comes while the machine has other
     * work, but does not by itself keep the simulation going (a kernel thread's periodic
     * wake-up). A run ends when only deferrable events are left.
     */
    boolean deferrable;

    public final void setDeferrable(boolean deferrable) {
        if (isQueued()) {
            throw new IllegalStateException("set before arming");
        }
        this.deferrable = deferrable;
    }

    public final boolean isQueued() {
        return heapIndex >= 0;
    }

    public final long expires() {
        return time;
    }

    /** Runs with the kernel clock set to {@link #expires()}. */
    public abstract void fire();
}
