package ksim.kernel;

import java.util.HashMap;

/**
 * kernel/ucount.c: one of struct ucounts' rlimit counters (enum rlimit_type) for every real
 * uid: UCOUNT_RLIMIT_NPROC, the tasks a user owns (zombies included, until release_task()),
 * which copy_process() checks against RLIMIT_NPROC; UCOUNT_RLIMIT_SIGPENDING, the sigqueues
 * queued to a user's tasks, which __sigqueue_alloc() checks against RLIMIT_SIGPENDING.
 */
public final class UserCounts {
    /** Counts of the common small uids, indexed directly (no boxing on fork and exit). */
    private final int[] small = new int[SMALL];
    private static final int SMALL = 1 << 16;
    /** uid → count for the others. Iterated only to sum it up. */
    private final HashMap<Integer, Integer> counts = new HashMap<>();

    /** get_rlimit_value(). */
    public int get(int uid) {
        return uid >= 0 && uid < SMALL ? small[uid] : counts.getOrDefault(uid, 0);
    }

    /** inc_rlimit_ucounts(): the new count. */
    public int inc(int uid) {
        return uid >= 0 && uid < SMALL ? ++small[uid] : counts.merge(uid, 1, Integer::sum);
    }

    public void dec(int uid) {
        if (uid >= 0 && uid < SMALL) {
            small[uid]--;
        } else {
            counts.merge(uid, -1, Integer::sum);
        }
    }

    /** The sum over all uids (for the invariant checker). */
    public long total() {
        long n = 0;
        for (int c : small) {
            n += c;
        }
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }

    public void move(int from, int to) {
        dec(from);
        inc(to);
    }
}
