package ksim.kernel.task;

/**
 * arch/x86/include/asm/processor.h: struct thread_struct, the part a context switch saves
 * and loads, with the kernel stack it points into. On x86-64 switch_to() pushes the callee-
 * saved registers and a return address (struct inactive_task_frame) on the outgoing task's
 * kernel stack and saves sp here; the return address is __switch_to_asm's for a task that
 * has run, ret_from_fork_asm for one that has never run.
 */
public final class ThreadStruct {
    public static final String RET_FROM_FORK = "ret_from_fork_asm";
    public static final String SWITCH_TO = "__switch_to_asm";
    /** THREAD_SIZE: 16 KiB kernel stacks on x86-64. */
    public static final long THREAD_SIZE = 16 * 1024;
    /** sizeof(struct pt_regs) and sizeof(struct inactive_task_frame) on x86-64. */
    public static final long PT_REGS_SIZE = 168;
    public static final long FRAME_SIZE = 7 * 8;

    /** task->stack: the base of the kernel stack (vmalloc'ed, so at VMALLOC_START and up). */
    public long stack;
    /** thread.sp: the saved kernel stack pointer while the task is not running. */
    public long sp;
    /** The inactive_task_frame's return address: where the task resumes when switched in. */
    public String retAddr = RET_FROM_FORK;
    /** The task has used the FPU (PF_USED_MATH in older kernels): it has state to save. */
    public boolean fpuUsed;
    /** TIF_NEED_FPU_LOAD: its FPU registers are not in the CPU; restore them before user mode. */
    public boolean needFpuLoad;
    /** The CPU whose FPU registers last held this task's state (fpu->last_cpu). */
    public int fpuLastCpu = -1;

    /** The top of the kernel stack: what TSS.sp0 holds while the task runs. */
    public long stackTop() {
        return stack + THREAD_SIZE;
    }
}
