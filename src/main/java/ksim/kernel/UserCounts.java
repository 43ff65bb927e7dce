package ksim.kernel;

import java.util.HashMap;

/**
 * kernel/ucount.c, UCOUNT_RLIMIT_NPROC: how many tasks each real uid owns (zombies
 * included, until release_task()), the number RLIMIT_NPROC is checked against in
 * copy_process().
 */
public final class UserCounts {
    /** uid → tasks. Only looked up, never iterated. */
    private final HashMap<Integer, Integer> counts = new HashMap<>();

    public int get(int uid) {
        return counts.getOrDefault(uid, 0);
    }

    public void inc(int uid) {
        counts.merge(uid, 1, Integer::sum);
    }

    public void dec(int uid) {
        counts.merge(uid, -1, Integer::sum);
    }

    public void move(int from, int to) {
        dec(from);
        inc(to);
    }
}
