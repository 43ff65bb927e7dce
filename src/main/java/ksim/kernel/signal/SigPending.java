package ksim.kernel.signal;

import java.util.ArrayDeque;
import ksim.abi.Signal;
import ksim.kernel.UserCounts;

/**
 * include/linux/signal_types.h: struct sigpending, a pending set and a queue of struct
 * sigqueue. Standard signals (1-31) are a bit each: one instance at most. Real-time signals
 * (32-64) queue every instance that got a sigqueue. ksim keeps each signal's sigqueues apart
 * (only their order within one signal is ever seen) and, for each, the real uid whose
 * RLIMIT_SIGPENDING count it holds (q->ucounts) and its info's si_code (what signal_deliver
 * reports). A signal may be pending with no sigqueue at all: __sigqueue_alloc() failed and
 * the info was lost, or it is SIGKILL, which never gets one.
 */
public final class SigPending {
    /** What {@link #add} is given for a signal made pending without a sigqueue. */
    public static final int NO_SIGQUEUE = -1;

    /** The pending set: bit (sig - 1). */
    public long signal;
    /**
     * Per signal: its queued sigqueues, oldest first, each the uid it is charged to (high 32
     * bits) and its si_code (low 32 bits); null when none ever was.
     */
    private ArrayDeque<Long>[] queue;

    @SuppressWarnings("unchecked")
    private static ArrayDeque<Long>[] newQueues() {
        return new ArrayDeque[Signal._NSIG + 1];
    }

    private static int uidOf(long q) {
        return (int) (q >> 32);
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    public boolean has(int sig) {
        return (signal & bit(sig)) != 0;
    }

    /**
     * list_add_tail() of a sigqueue charged to {@code uid} (or none: {@link #NO_SIGQUEUE}) with
     * info's si_code {@code code}, and sigaddset(). A standard signal already pending is never
     * added twice (legacy_queue()).
     */
    void add(int sig, int uid, int code) {
        if (uid != NO_SIGQUEUE) {
            if (queue == null) {
                queue = newQueues();
            }
            if (queue[sig] == null) {
                queue[sig] = new ArrayDeque<>(2);
            }
            queue[sig].addLast(((long) uid << 32) | (code & 0xffffffffL));
        }
        signal |= bit(sig);
    }

    /**
     * collect_signal(): takes the first sigqueue of {@code sig} (__sigqueue_free() uncharges its
     * user); the signal stays pending while another one is queued. Returns the dequeued info's
     * si_code: SI_USER (0) when there was no sigqueue (the kernel zeroes the info then).
     */
    int take(int sig, UserCounts sigpending) {
        ArrayDeque<Long> q = queue == null ? null : queue[sig];
        int code = 0;
        if (q != null && !q.isEmpty()) {
            long first = q.pollFirst();
            sigpending.dec(uidOf(first));
            code = (int) first;
            if (!q.isEmpty()) {
                return code;
            }
        }
        signal &= ~bit(sig);
        return code;
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
                    sigpending.dec(uidOf(queue[sig].pollFirst()));
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
        for (ArrayDeque<Long> q : queue) {
            if (q != null) {
                for (long e : q) {
                    perUid.computeIfAbsent(uidOf(e), u -> new int[1])[0]++;
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
