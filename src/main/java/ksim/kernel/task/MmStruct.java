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

    public MmStruct(UserMemory memory, String[] argv) {
        this.memory = memory;
        this.argv = argv;
    }

    /** kernel/fork.c: dup_mm(). */
    public MmStruct dup() {
        return new MmStruct(memory == null ? null : memory.copy(), argv);
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
