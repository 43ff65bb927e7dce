package ksim.kernel.task;

/**
 * arch/x86/include/asm/uaccess_64.h: whether a range of user memory lies below the end of the
 * user address space, as a system call checks a buffer before using it (x86-64, 4-level
 * paging: 47 bits of user space).
 */
public final class Uaccess {
    private Uaccess() {}

    /** TASK_SIZE_MAX: the end of user space, less the guard page. */
    public static final long TASK_SIZE_MAX = (1L << 47) - 4096;

    /** access_ok(addr, size): {@code size} bytes at {@code addr} (both unsigned) fit below TASK_SIZE_MAX. */
    public static boolean accessOk(long addr, long size) {
        return Long.compareUnsigned(size, TASK_SIZE_MAX) <= 0 && Long.compareUnsigned(addr, TASK_SIZE_MAX - size) <= 0;
    }
}
