package ksim.crash;

import java.util.Locale;

/**
 * Addresses for a simulated kernel that has no real memory: task_structs in the direct map,
 * kernel functions in the text section. They are derived deterministically (a task's from
 * its kernel stack, a function's from its name), so the same run always prints the same
 * addresses, and they have the shapes crash users know (ffff888…, ffffffff81…).
 */
final class KernelSymbols {
    private KernelSymbols() {}

    private static final long PAGE_OFFSET = 0xffff888100000000L;
    private static final long TEXT = 0xffffffff81000000L;
    /** sizeof(struct task_struct) on a 6.x x86-64 kernel (pahole), rounded to the slab's alignment. */
    static final long TASK_STRUCT_SIZE = 7168 + 64;
    /** Kernel stacks are vmalloc'ed THREAD_SIZE + a guard page apart from VMALLOC_START. */
    private static final long VMALLOC_START = 0xffffc90000000000L;
    private static final long STACK_STRIDE = 16 * 1024 + 4096;

    /** The task_struct's address: the n-th task created gets the n-th slot. */
    static long taskAddr(ksim.kernel.task.Task t) {
        long n = (t.thread.stack - VMALLOC_START) / STACK_STRIDE;
        return PAGE_OFFSET + n * TASK_STRUCT_SIZE;
    }

    /** A kernel function's address (with a small offset into it, as a return address has). */
    static long textAddr(String function, int offset) {
        long h = 0;
        for (int i = 0; i < function.length(); i++) {
            h = h * 31 + function.charAt(i);
        }
        return TEXT + ((h & 0x7fffffL) << 4) + offset;
    }

    static String hex(long v) {
        return Long.toHexString(v).toLowerCase(Locale.ROOT);
    }
}
