package ksim.kernel;

import ksim.abi.Errno;
import ksim.abi.SigAction;
import ksim.kernel.sched.RunQueue;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;
import ksim.kernel.time.Ktime;

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
        if (k.trace != null) k.trace.context(rq.cpu, ksim.kernel.trace.Tracepoints.TASK);
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
                if (k.tryAdvance(rq.switchUntil)) { // nothing else happens meanwhile
                    now = rq.switchUntil;
                    continue;
                }
                k.events.schedule(rq.step, rq.switchUntil);
                return;
            }
            if (p.op == null) {
                if (!k.proceed()) {
                    return; // stopped: no more requests
                }
                UserOp next = p.program.next(p);
                if (next == null) { // the program stopped the machine (Kernel.stop): a scenario error
                    return;
                }
                p.op = next;
                p.burstLeft = next instanceof Spin s ? s.ns() : ((Syscall) next).cost(k.costs);
            }
            if (!p.opDone && p.burstLeft > 0) {
                if (p.op instanceof Spin && exitToUserMode(rq, p)) {
                    continue; // interrupted user code: a signal or a reschedule
                }
                if (p.op instanceof Spin) {
                    k.sched.switches.userFpu(rq, p); // user code: its FPU registers must be loaded
                }
                long end = Ktime.addSafe(now, p.burstLeft); // a spin of ~292 years ends at KTIME_MAX, never in the past
                if (k.tryAdvance(end)) { // nothing else happens before the burst ends
                    now = end;
                    p.burstLeft = 0;
                    continue;
                }
                p.burstStart = now;
                p.burstRunning = true;
                k.events.schedule(rq.step, end);
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
                    if (ret == Syscall.MORE) { // more kernel work: another burst, then the body again
                        p.burstLeft = s.moreNs();
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
     * exit_to_user_mode_loop(): signals first (arch_do_signal_or_restart()), then
     * need_resched. True when the CPU must look at its current task afresh.
     */
    private boolean exitToUserMode(RunQueue rq, Task p) {
        for (;;) {
            while (p.sigPending) {
                Signals.Decision d = Signals.getSignal(k, p);
                switch (d.kind()) {
                    case FATAL -> {
                        p.op = Signals.fatalExit(k, p, d.sig());
                        p.opDone = false;
                        p.burstLeft = 0;
                        p.sigFrames = null;
                        return true;
                    }
                    case STOPPED -> {
                        k.sched.schedule(rq, false);
                        return true;
                    }
                    case HANDLER -> {
                        handlerRestart(p, (p.sighand.flags(d.sig() - 1) & SigAction.SA_RESTART) != 0);
                        Signals.setupFrame(p, d.sig());
                    }
                    case NONE -> {
                        noHandlerRestart(p);
                        if (Signals.restoreSavedSigmask(p)) {
                            continue; // sigsuspend()'s old mask is back: a signal it blocked may be deliverable now
                        }
                    }
                }
                if (d.kind() == Signals.Decision.Kind.NONE) {
                    break;
                }
            }
            // back in user mode: the handler on top of the stack runs, then rt_sigreturn
            long[] frame = p.sigFrames == null ? null : p.sigFrames.pollLast();
            if (frame == null) {
                break;
            }
            p.program.signalDelivered(p, (int) frame[0]);
            Signals.sigreturn(p, frame[1]);
        }
        if (!p.opDone && p.op instanceof Syscall) {
            return true; // an interrupted system call runs again
        }
        if (p.needResched) {
            k.sched.schedule(rq, true);
            return true;
        }
        return false;
    }

    /** The return value of a system call that was interrupted, or 0 when the task is not returning from one. */
    private static long interrupted(Task p) {
        return p.opDone && p.op instanceof Syscall ? p.ret : 0;
    }

    /** handle_signal()'s restart rules: EINTR, or run the call again (SA_RESTART, ERESTARTNOINTR). */
    private static void handlerRestart(Task p, boolean saRestart) {
        long ret = interrupted(p);
        if (ret == Errno.ERESTART_RESTARTBLOCK.ret() || ret == Errno.ERESTARTNOHAND.ret()
                || (ret == Errno.ERESTARTSYS.ret() && !saRestart)) {
            p.ret = Errno.EINTR.ret();
        } else if (ret == Errno.ERESTARTSYS.ret() || ret == Errno.ERESTARTNOINTR.ret()) {
            p.opDone = false;
        }
    }

    /** arch_do_signal_or_restart() with no handler to run: an interrupted call simply runs again. */
    private static void noHandlerRestart(Task p) {
        long ret = interrupted(p);
        if (ret == Errno.ERESTARTSYS.ret() || ret == Errno.ERESTARTNOHAND.ret() || ret == Errno.ERESTARTNOINTR.ret()
                || ret == Errno.ERESTART_RESTARTBLOCK.ret()) {
            p.opDone = false;
        }
    }
}
