package ksim.kernel;

import ksim.kernel.sched.RunQueue;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;

/**
 * What a CPU does with its current task: run user code (a spin), enter the kernel for a
 * system call, and on the way back to user mode handle signals and rescheduling
 * (kernel/entry/common.c: syscall_exit_to_user_mode(), exit_to_user_mode_loop()).
 *
 * <p>A CPU advances in bursts: a spin or a system call's cost is a burst of CPU time whose
 * end is the CPU's {@code step} event. An interrupt (a tick that set need_resched, a
 * resched IPI, a signal's kick) re-arms the step to now: a task in user mode then passes
 * through exit-to-user-mode work at once; a task in the kernel notices at its return
 * (the kernel is not preemptible in ksim, as with PREEMPT_VOLUNTARY).
 */
public final class Entry {
    private final Kernel k;

    Entry(Kernel k) {
        this.k = k;
    }

    /** An interrupt on rq's CPU: idle or user-mode code reacts at once. */
    public void interrupt(RunQueue rq) {
        Task curr = rq.curr;
        if (curr == rq.idle || (curr.op instanceof Spin && curr.burstRunning)) {
            k.events.schedule(rq.step, k.now());
        }
    }

    /** The CPU's step: runs its current task until it must wait for simulated time to pass. */
    public void run(RunQueue rq) {
        long now = k.now();
        stopBurst(rq.curr, now);
        for (;;) {
            Task p = rq.curr;
            if (p == rq.idle) {
                if (p.needResched) {
                    k.sched.schedule(rq, true);
                    continue;
                }
                return;
            }
            if (rq.switchUntil > now) {
                k.events.schedule(rq.step, rq.switchUntil);
                return;
            }
            if (p.op == null) {
                UserOp next = p.program.next(p);
                p.op = next;
                p.burstLeft = next instanceof Spin s ? s.ns() : ((Syscall) next).cost(k.costs);
            }
            if (!p.opDone && p.burstLeft > 0) {
                if (p.op instanceof Spin && exitToUserMode(rq, p)) {
                    continue; // interrupted user code: a signal or a reschedule
                }
                p.burstStart = now;
                p.burstRunning = true;
                k.events.schedule(rq.step, now + p.burstLeft);
                return;
            }
            if (!p.opDone) {
                long ret = 0;
                if (p.op instanceof Syscall s) {
                    ret = s.run(k, p);
                    if (ret == Syscall.BLOCK || ret == Syscall.NORETURN) {
                        k.sched.schedule(rq, false);
                        continue;
                    }
                }
                p.ret = ret;
                p.opDone = true;
            }
            if (exitToUserMode(rq, p)) {
                continue;
            }
            UserOp op = p.op;
            p.op = null;
            p.opDone = false;
            p.program.complete(p, op, p.ret);
        }
    }

    /** Charges the part of curr's burst that has run. */
    private static void stopBurst(Task p, long now) {
        if (p.burstRunning) {
            p.burstLeft -= now - p.burstStart;
            p.burstRunning = false;
        }
    }

    /**
     * exit_to_user_mode_loop(): signals first (a fatal one replaces whatever the task was
     * doing with do_group_exit()), then need_resched. True when the CPU must look at its
     * current task afresh.
     */
    private boolean exitToUserMode(RunQueue rq, Task p) {
        if (p.sigPending) {
            Syscall deliver = Signals.getSignal(k, p);
            if (deliver != null) {
                p.op = deliver;
                p.opDone = false;
                p.burstLeft = 0;
                return true;
            }
        }
        if (p.needResched) {
            k.sched.schedule(rq, true);
            return true;
        }
        return false;
    }
}
