package ksim.kernel.sched;

import ksim.kernel.Kernel;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.Task;
import ksim.kernel.task.ThreadStruct;

/**
 * kernel/sched/core.c context_switch() and finish_task_switch(), with x86-64's switch_to()
 * (arch/x86/kernel/process_64.c __switch_to()) and the FPU's lazy restore
 * (arch/x86/kernel/fpu: switch_fpu_prepare(), switch_fpu_return()).
 *
 * <p>The counters say what the switches did: mm switches versus lazy-TLB switches (a kernel
 * thread borrows the previous mm as its active_mm and holds mm_count until it switches
 * away), first runs through ret_from_fork, FPU saves, lazy restores and first-use traps.
 */
public final class ContextSwitch {
    /** VMALLOC_START on x86-64 with 4-level page tables: where kernel stacks are mapped. */
    static final long VMALLOC_START = 0xffffc90000000000L;
    /** A stack and its guard page. */
    private static final long STACK_STRIDE = ThreadStruct.THREAD_SIZE + 4096;

    private final Kernel k;
    private long nextStack = VMALLOC_START;

    public long switches;
    /** switch_mm_irqs_off() to another mm. */
    public long mmSwitches;
    /** enter_lazy_tlb(): to a kernel thread, keeping the previous mm loaded. */
    public long lazyTlbSwitches;
    /** A new task's first instructions: ret_from_fork, then schedule_tail(). */
    public long retFromFork;
    /** switch_fpu_prepare(): the outgoing task's FPU registers saved to its fpstate. */
    public long fpuSaves;
    /** switch_fpu_return(): registers reloaded on the way to user mode (TIF_NEED_FPU_LOAD). */
    public long fpuRestores;
    /** A task's first use of the FPU: the trap that gives it an initialised fpstate. */
    public long fpuFirstUseTraps;

    /** fpu_fpregs_owner_ctx: whose FPU registers each CPU holds. */
    private final Task[] fpuOwner;

    ContextSwitch(Kernel k) {
        this.k = k;
        this.fpuOwner = new Task[k.config.cpus];
    }

    private long allocStack() {
        long s = nextStack;
        nextStack += STACK_STRIDE;
        return s;
    }

    /** The idle task's stack (init_stack for CPU 0, fork_idle() for the others) and the CPU's first TSS.sp0. */
    void initIdleThread(RunQueue rq, Task idle) {
        idle.thread.stack = allocStack();
        idle.thread.retAddr = ThreadStruct.SWITCH_TO;
        rq.tssSp0 = idle.thread.stackTop();
    }

    /**
     * copy_thread(): a kernel stack for the child, an inactive_task_frame returning to
     * ret_from_fork_asm on top of a copy of the parent's pt_regs, and the parent's FPU state
     * (fpu_clone()) if it had any.
     */
    void copyThread(Task p, Task parent) {
        ThreadStruct th = p.thread;
        th.stack = allocStack();
        th.sp = th.stackTop() - ThreadStruct.PT_REGS_SIZE - ThreadStruct.FRAME_SIZE;
        th.retAddr = ThreadStruct.RET_FROM_FORK;
        th.fpuUsed = parent.thread.fpuUsed && p.mm != null;
        th.needFpuLoad = th.fpuUsed;
        th.fpuLastCpu = -1;
    }

    /** context_switch(): the address space, then the registers, then finish_task_switch(). */
    void contextSwitch(RunQueue rq, Task prev, Task next) {
        switches++;
        MmStruct dropAfterSwitch = null;
        if (next.mm == null) { // to a kernel thread (or idle): enter_lazy_tlb(), borrow prev's active_mm
            lazyTlbSwitches++;
            next.activeMm = prev.activeMm;
            if (prev.mm != null) {
                next.activeMm.grab();
            } else {
                prev.activeMm = null; // the borrowed reference moves on to next
            }
        } else {
            if (next.mm != prev.activeMm) {
                mmSwitches++;
            }
            if (prev.mm == null) { // from a kernel thread: its borrowed mm is dropped in finish_task_switch()
                dropAfterSwitch = prev.activeMm;
                prev.activeMm = null;
            }
        }
        switchTo(rq, prev, next);
        // finish_task_switch()
        if (dropAfterSwitch != null) {
            dropAfterSwitch.mmdrop();
        }
        long now = k.now();
        next.se.execStart = now;
        rq.switchUntil = next == rq.idle ? now : now + k.costs.contextSwitchNs;
    }

    /** switch_to() / __switch_to(): save prev's FPU and stack pointer, load next's, update TSS.sp0 and current. */
    private void switchTo(RunQueue rq, Task prev, Task next) {
        ThreadStruct p = prev.thread;
        ThreadStruct n = next.thread;
        if (p.fpuUsed && !p.needFpuLoad && prev.mm != null) { // switch_fpu_prepare()
            fpuSaves++;
            p.fpuLastCpu = rq.cpu;
        }
        if (prev.mm != null) {
            p.needFpuLoad = true; // whatever runs next may clobber the registers
        }
        p.sp = p.stackTop() - ThreadStruct.PT_REGS_SIZE - ThreadStruct.FRAME_SIZE;
        p.retAddr = ThreadStruct.SWITCH_TO;
        if (ThreadStruct.RET_FROM_FORK.equals(n.retAddr)) {
            retFromFork++;
        }
        prev.onCpu = false;
        next.onCpu = true;
        next.cpu = rq.cpu;
        rq.curr = next; // this_cpu_write(current_task, next)
        rq.tssSp0 = n.stackTop(); // update_task_stack()
    }

    /**
     * On the way to user code: the first use of the FPU traps once and initialises it; after
     * a switch the registers are reloaded unless this CPU still holds them
     * (fpregs_state_valid()).
     */
    public void userFpu(RunQueue rq, Task p) {
        ThreadStruct th = p.thread;
        if (!th.fpuUsed) {
            fpuFirstUseTraps++;
            th.fpuUsed = true;
            th.needFpuLoad = false;
        } else if (th.needFpuLoad) {
            if (th.fpuLastCpu != rq.cpu || fpuOwner[rq.cpu] != p) {
                fpuRestores++;
            }
            th.needFpuLoad = false;
        }
        th.fpuLastCpu = rq.cpu;
        fpuOwner[rq.cpu] = p;
    }
}
