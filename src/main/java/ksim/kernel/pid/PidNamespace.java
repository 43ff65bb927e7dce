package ksim.kernel.pid;

import ksim.abi.Errno;
import ksim.kernel.task.Task;

/**
 * include/linux/pid_namespace.h and kernel/pid.c: a PID namespace and its number allocator.
 *
 * <p>Numbers are allocated as idr_alloc_cyclic() does it for alloc_pid(): from the cursor
 * (the last number handed out + 1) up to pid_max - 1, then once more from the minimum, which is
 * 1 until the cursor has passed RESERVED_PIDS (300) and 300 after that. Nothing free gives
 * EAGAIN; a namespace whose init has died (PIDNS_ADDING cleared) gives ENOMEM.
 */
public final class PidNamespace {
    public static final int RESERVED_PIDS = 300;
    public static final int MAX_PID_NS_LEVEL = 32;

    public final int level;
    public final PidNamespace parent;
    /** Who reaps orphans of this namespace: its init (or, while it exits, a live thread of it). */
    public Task childReaper;
    /** pid_allocated without the PIDNS_ADDING bit. */
    public int pidAllocated;
    /** PIDNS_ADDING: cleared by disable_pid_allocation() when the init dies. */
    public boolean adding = true;
    /** A stable identity for deterministic keys (namespaces are numbered in creation order). */
    public final int serial;

    private final IdBitmap used = new IdBitmap();
    /** idr_next: where the next cyclic search starts. */
    private int cursor;
    /** idr lookup: number → struct pid, indexed by number, grown as numbers are used. */
    private Pid[] idr = new Pid[64];

    public PidNamespace(PidNamespace parent, int serial) {
        this.parent = parent;
        this.level = parent == null ? 0 : parent.level + 1;
        this.serial = serial;
    }

    /** find_pid_ns(). */
    public Pid find(int nr) {
        return nr >= 0 && nr < idr.length ? idr[nr] : null;
    }

    public int cursor() {
        return cursor;
    }

    /** lib/idr.c: idr_alloc_cyclic(idr, NULL, min, pid_max) as alloc_pid() calls it; -EAGAIN when full. */
    int allocNr(int pidMax) {
        int min = cursor > RESERVED_PIDS ? RESERVED_PIDS : 1;
        int max = pidMax - 1;
        int id = Math.max(cursor, min);
        int nr = id <= max ? used.nextClearBit(id) : Integer.MAX_VALUE;
        if (nr > max && id > min) {
            nr = used.nextClearBit(min);
        }
        if (nr > max) {
            return (int) Errno.EAGAIN.ret();
        }
        used.set(nr);
        cursor = nr + 1;
        return nr;
    }

    void install(int nr, Pid pid) {
        if (nr >= idr.length) {
            idr = java.util.Arrays.copyOf(idr, Math.max(idr.length * 2, nr + 1));
        }
        idr[nr] = pid;
        pidAllocated++;
    }

    void release(int nr) {
        idr[nr] = null;
        used.clear(nr);
        pidAllocated--;
    }

    /** A number that failed further down alloc_pid() is given back (idr_remove). */
    void unreserve(int nr) {
        used.clear(nr);
    }

    /** The first allocated number at or after {@code from}, or -1 (idr_for_each_entry_continue). */
    public int nextUsedNr(int from) {
        return used.nextSetBit(from);
    }

    public boolean isInUse(int nr) {
        return used.get(nr);
    }
}
