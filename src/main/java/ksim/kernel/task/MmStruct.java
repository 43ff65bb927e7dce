package ksim.kernel.task;

/**
 * include/linux/mm_types.h: struct mm_struct, reduced to what process management observes:
 * the two reference counts and the user memory and command line it carries.
 * mm_users counts tasks using the address space; mm_count counts references to the struct
 * (one for all users together, plus one per lazy-TLB borrower through active_mm).
 */
public final class MmStruct {
    public int mmUsers = 1;
    public int mmCount = 1;
    public UserMemory memory;
    /** The command line (arg_start..arg_end), as /proc/PID/cmdline shows it. */
    public String[] argv;
    /** SUID_DUMP_DISABLE (0), SUID_DUMP_USER (1) or SUID_DUMP_ROOT (2), in mm->flags. */
    public int dumpable = SUID_DUMP_USER;

    public static final int SUID_DUMP_DISABLE = 0, SUID_DUMP_USER = 1;
    /** fs.suid_dumpable, the sysctl: 0 by default. */
    public static final int SUID_DUMPABLE = SUID_DUMP_DISABLE;

    public MmStruct(UserMemory memory, String[] argv) {
        this.memory = memory;
        this.argv = argv;
    }

    /** kernel/fork.c: dup_mm(); mm->flags (dumpability among them) are copied. */
    public MmStruct dup() {
        MmStruct m = new MmStruct(memory == null ? null : memory.copy(), argv);
        m.dumpable = dumpable;
        return m;
    }

    /** mmget(). */
    public void get() {
        mmUsers++;
    }

    /** mmput(): true when this was the last user (the address space is torn down). */
    public boolean put() {
        if (--mmUsers == 0) {
            mmdrop();
            return true;
        }
        return false;
    }

    /** mmgrab(). */
    public void grab() {
        mmCount++;
    }

    /** mmdrop(). */
    public void mmdrop() {
        mmCount--;
    }
}
