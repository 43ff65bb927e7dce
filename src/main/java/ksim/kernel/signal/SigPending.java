package ksim.kernel.signal;

/**
 * include/linux/signal_types.h: struct sigpending. Standard signals (1-31) are a bit each:
 * one instance at most. Real-time signals (32-64) queue every instance; ksim keeps how
 * many of each are queued, which is all their order (lowest number first) needs.
 */
public final class SigPending {
    /** The pending set: bit (sig - 1). */
    public long signal;
    private final int[] rtQueued = new int[Signal._NSIG + 1];

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    public boolean has(int sig) {
        return (signal & bit(sig)) != 0;
    }

    /** Queues one instance (a standard signal already pending is not queued twice: legacy_queue()). */
    void add(int sig) {
        if (sig >= Signal.SIGRTMIN) {
            rtQueued[sig]++;
        }
        signal |= bit(sig);
    }

    /** Takes one instance of {@code sig} off the queue (collect_signal()). */
    void take(int sig) {
        if (sig >= Signal.SIGRTMIN && --rtQueued[sig] > 0) {
            return;
        }
        if (sig >= Signal.SIGRTMIN) {
            rtQueued[sig] = 0;
        }
        signal &= ~bit(sig);
    }

    /** flush_sigqueue_mask(): drops every signal in {@code mask}. */
    void flush(long mask) {
        long hit = signal & mask;
        signal &= ~mask;
        for (int sig = Signal.SIGRTMIN; sig <= Signal._NSIG; sig++) {
            if ((hit & bit(sig)) != 0) {
                rtQueued[sig] = 0;
            }
        }
    }

    /** The number of queued instances (for SigQ in /proc). */
    public int queued() {
        int n = Long.bitCount(signal & ((1L << (Signal.SIGRTMIN - 1)) - 1));
        for (int sig = Signal.SIGRTMIN; sig <= Signal._NSIG; sig++) {
            n += rtQueued[sig];
        }
        return n;
    }

    /**
     * next_signal(): the signal to dequeue among those not in {@code blocked}: the synchronous
     * ones (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS) first, then the lowest number.
     */
    int next(long blocked) {
        long x = signal & ~blocked;
        if (x == 0) {
            return 0;
        }
        long sync = x & (bit(Signal.SIGSEGV) | bit(Signal.SIGBUS) | bit(Signal.SIGILL) | bit(Signal.SIGTRAP)
                | bit(Signal.SIGFPE) | bit(Signal.SIGSYS));
        long pick = sync != 0 ? sync : x;
        return Long.numberOfTrailingZeros(pick) + 1;
    }
}
