package ksim.kernel.signal;

import java.util.ArrayDeque;
import ksim.kernel.UserCounts;

/**
 * include/linux/signal_types.h: struct sigpending, a pending set and a queue of struct
 * sigqueue. Standard signals (1-31) are a bit each: one instance at most. Real-time signals
 * (32-64) queue every instance that got a sigqueue. ksim keeps each signal's sigqueues apart
 * (only their order within one signal is ever seen) and, for each, the real uid whose
 * RLIMIT_SIGPENDING count it holds (q->ucounts). A signal may be pending with no sigqueue at
 * all: __sigqueue_alloc() failed and the info was lost.
 */
public final class SigPending {
    /** What {@link #add} is given for a signal made pending without a sigqueue. */
    public static final int NO_SIGQUEUE = -1;

    /** The pending set: bit (sig - 1). */
    public long signal;
    /** Per signal: the uids its queued sigqueues are charged to, oldest first; null when none ever was. */
    private ArrayDeque<Integer>[] queue;

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    public boolean has(int sig) {
        return (signal & bit(sig)) != 0;
    }

    /**
     * list_add_tail() of a sigqueue charged to {@code uid} (or none: {@link #NO_SIGQUEUE}) and
     * sigaddset(). A standard signal already pending is never added twice (legacy_queue()).
     */
    void add(int sig, int uid) {
        if (uid != NO_SIGQUEUE) {
            if (queue == null) {
                queue = newQueues();
            }
            if (queue[sig] == null) {
                queue[sig] = new ArrayDeque<>(2);
            }
            queue[sig].addLast(uid);
        }
        signal |= bit(sig);
    }

    /**
     * collect_signal(): takes the first sigqueue of {@code sig} (__sigqueue_free() uncharges its
     * user); the signal stays pending while another one is queued.
     */
    @SuppressWarnings("unchecked")
    private static ArrayDeque<Integer>[] newQueues() {
        return new ArrayDeque[Signal._NSIG + 1];
    }

    void take(int sig, UserCounts sigpending) {
        ArrayDeque<Integer> q = queue == null ? null : queue[sig];
        if (q != null && !q.isEmpty()) {
            sigpending.dec(q.pollFirst());
            if (!q.isEmpty()) {
                return;
            }
        }
        signal &= ~bit(sig);
    }

    /** flush_sigqueue_mask(): drops every signal in {@code mask}, uncharging their sigqueues. */
    void flush(long mask, UserCounts sigpending) {
        long hit = signal & mask;
        signal &= ~mask;
        if (queue == null) {
            return;
        }
        for (int sig = 1; sig <= Signal._NSIG; sig++) {
            if ((hit & bit(sig)) != 0 && queue[sig] != null) {
                while (!queue[sig].isEmpty()) {
                    sigpending.dec(queue[sig].pollFirst());
                }
            }
        }
    }

    /** flush_sigqueue(): drops everything. */
    public void flushAll(UserCounts sigpending) {
        flush(-1L, sigpending);
    }

    /** Adds to {@code perUid} how many sigqueues here each uid is charged for (the invariant checker). */
    public void countCharges(java.util.Map<Integer, int[]> perUid) {
        if (queue == null) {
            return;
        }
        for (ArrayDeque<Integer> q : queue) {
            if (q != null) {
                for (int uid : q) {
                    perUid.computeIfAbsent(uid, u -> new int[1])[0]++;
                }
            }
        }
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
