package ksim.kernel.sched;

import java.util.ArrayDeque;
import ksim.kernel.task.Task;

/**
 * kernel/sched/sched.h: struct rt_rq with its rt_prio_array — one FIFO list per priority
 * and a bitmap of the non-empty ones, so the highest priority is found with a bit scan
 * (the O(1) scheduler's prio-array). A running RT task stays on its list.
 */
final class RtRq {
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Task>[] queue = new ArrayDeque[SchedCalls.MAX_RT_PRIO];
    private final long[] bitmap = new long[2];
    int nrRunning;
    /** rt_time: RT runtime used in the current bandwidth period. */
    long rtTime;
    /** rt_throttled: the period's runtime is used up; RT tasks wait for the period timer. */
    boolean throttled;

    ArrayDeque<Task> list(int prio) {
        ArrayDeque<Task> q = queue[prio];
        if (q == null) {
            q = queue[prio] = new ArrayDeque<>(2);
        }
        return q;
    }

    void add(Task p, boolean head) {
        ArrayDeque<Task> q = list(p.prio);
        if (head) {
            q.addFirst(p);
        } else {
            q.addLast(p);
        }
        bitmap[p.prio >> 6] |= 1L << (p.prio & 63);
        nrRunning++;
    }

    void remove(Task p) {
        ArrayDeque<Task> q = queue[p.prio];
        q.remove(p);
        if (q.isEmpty()) {
            bitmap[p.prio >> 6] &= ~(1L << (p.prio & 63));
        }
        nrRunning--;
    }

    /** sched_find_first_bit(): the highest priority with a queued task, or -1. */
    int highestPrio() {
        if (bitmap[0] != 0) {
            return Long.numberOfTrailingZeros(bitmap[0]);
        }
        return bitmap[1] != 0 ? 64 + Long.numberOfTrailingZeros(bitmap[1]) : -1;
    }

    Task first() {
        int prio = highestPrio();
        return prio < 0 ? null : queue[prio].peekFirst();
    }

    /** All queued tasks, highest priority first. */
    java.util.List<Task> all() {
        java.util.List<Task> l = new java.util.ArrayList<>(nrRunning);
        for (int prio = 0; prio < queue.length; prio++) {
            if (queue[prio] != null) {
                l.addAll(queue[prio]);
            }
        }
        return l;
    }
}
