package ksim.kernel;

/**
 * How much simulated time kernel work takes. The defaults come from the real-kernel anchors
 * measured on this project's machines (shared/reference/anchors.md, Linux 6.18 on a 2-CPU VM):
 * getpid ~0.1 us, fork+_exit+waitpid ~165 us a cycle, vfork+_exit+waitpid ~31-38 us,
 * pthread_create+join ~22-25 us, a pipe ping-pong context switch ~1.5 us.
 * The split of a fork cycle between fork, exit and wait is ksim's estimate (copying the
 * page tables dominates fork, tearing them down dominates exit); only the sum was measured.
 */
public final class CostModel {
    /** Entry and exit of a cheap system call (getpid). */
    public long syscallNs = 100;
    /** fork(): copy_process with dup_mm, in the parent. */
    public long forkNs = 110_000;
    /** clone(CLONE_VM ...): no mm copy (vfork, threads). */
    public long cloneVmNs = 15_000;
    /** execve(): a new mm and program image, in all. */
    public long execNs = 250_000;
    /**
     * The part of execve() after the point of no return (the old mm released, a vfork parent
     * let go): mapping and faulting in the new image. A vfork child is still running exec
     * when its parent wakes, as on Linux, where the parent then reads it as R.
     */
    public long execLoadNs = 150_000;
    /** do_exit(): the mm teardown of the last user of an mm. */
    public long exitNs = 45_000;
    /** Reading a /proc file: open + read + close. */
    public long procReadNs = 4_000;
    /** One context switch (__schedule to the next task's first instruction). */
    public long contextSwitchNs = 1_500;
    /**
     * Waking a CPU that sat idle: the IPI, leaving the idle state, and the switch to the woken
     * task. Measured on this project's 2-CPU VMs: a pipe write to a reader asleep on an idle CPU
     * returns in the reader after 7-30 us (avg 29 us); pthread_create() to the new thread's
     * first instruction takes 41 us on average, of which about 15 us is the clone.
     */
    public long idleExitNs = 20_000;

    public CostModel copy() {
        CostModel c = new CostModel();
        c.syscallNs = syscallNs;
        c.forkNs = forkNs;
        c.cloneVmNs = cloneVmNs;
        c.execNs = execNs;
        c.exitNs = exitNs;
        c.procReadNs = procReadNs;
        c.contextSwitchNs = contextSwitchNs;
        c.execLoadNs = execLoadNs;
        c.idleExitNs = idleExitNs;
        return c;
    }
}
