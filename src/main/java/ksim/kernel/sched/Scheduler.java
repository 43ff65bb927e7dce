package ksim.kernel.sched;

import ksim.kernel.Kernel;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.time.Event;

/**
 * kernel/sched/core.c: the scheduler core. schedule(), try_to_wake_up(), wake_up_new_task(),
 * context_switch() and the scheduler tick. Everything that decides which task runs where
 * goes through a {@link SchedClass}; this class only moves tasks between states and CPUs.
 */
public final class Scheduler {
    private final Kernel k;
    public final RunQueue[] rqs;
    final SchedClass fair = new FairSchedClass();
    /** Classes in priority order (stop, rt, fair, idle): only fair exists so far; idle is rq.idle. */
    private final SchedClass[] classes = {fair};
    private final long tickNs;

    public Scheduler(Kernel k, int cpus) {
        this.k = k;
        this.tickNs = k.config.tickNs();
        rqs = new RunQueue[cpus];
        for (int i = 0; i < cpus; i++) {
            RunQueue[] holder = new RunQueue[1];
            Event step = new Event() {
                @Override
                public void fire() {
                    k.entry.run(holder[0]);
                }
            };
            Event tick = new Event() {
                @Override
                public void fire() {
                    schedulerTick(holder[0]);
                }
            };
            rqs[i] = holder[0] = new RunQueue(i, step, tick);
        }
    }

    /** init_idle(): {@code idle} becomes CPU {@code cpu}'s idle task and its first curr. */
    public void initIdle(Task idle, int cpu) {
        RunQueue rq = rqs[cpu];
        idle.cpu = cpu;
        idle.onCpu = true;
        idle.state = TaskState.TASK_RUNNING;
        rq.idle = idle;
        rq.curr = idle;
    }

    /** sched_fork(): the new task is TASK_NEW, inherits its priority (reset if asked) and joins its class. */
    public void schedFork(Task p, Task parent) {
        p.state = TaskState.TASK_NEW;
        p.policy = parent.policy;
        p.staticPrio = parent.staticPrio;
        p.normalPrio = parent.normalPrio;
        p.rtPriority = parent.rtPriority;
        p.cpusAllowed = parent.cpusAllowed;
        if (parent.resetOnFork) { // back to SCHED_NORMAL, and no negative nice
            if (p.policy == SchedCalls.SCHED_FIFO || p.policy == SchedCalls.SCHED_RR) {
                p.policy = SchedCalls.SCHED_NORMAL;
                p.rtPriority = 0;
            }
            if (p.staticPrio < SchedCalls.DEFAULT_PRIO) {
                p.staticPrio = SchedCalls.DEFAULT_PRIO;
            }
            p.normalPrio = p.staticPrio;
        }
        p.prio = p.normalPrio;
        p.schedClass = fair;
        p.cpu = parent.cpu;
        fair.taskFork(p);
    }

    /** wake_up_new_task(): the new task is runnable for the first time. */
    public void wakeUpNewTask(Task p) {
        p.state = TaskState.TASK_RUNNING;
        activateTask(rqs[selectTaskRqFork(p)], p, false);
    }

    /**
     * try_to_wake_up(): wakes {@code p} if its state is in {@code stateMask}. Returns whether
     * it was woken (false when it was not sleeping in one of those states).
     */
    public boolean tryToWakeUp(Task p, int stateMask) {
        if ((p.state & stateMask) == 0) {
            return false;
        }
        p.state = TaskState.TASK_RUNNING;
        if (p.onRq) { // ttwu_runnable(): it has not left its runqueue yet
            return true;
        }
        activateTask(rqs[selectTaskRqWake(p)], p, true);
        return true;
    }

    /** wake_up_process(). */
    public boolean wakeUpProcess(Task p) {
        return tryToWakeUp(p, TaskState.TASK_NORMAL);
    }

    /** wake_up_state(). */
    public boolean wakeUpState(Task p, int state) {
        return tryToWakeUp(p, state);
    }

    /** kick_process(): a running task is sent to the kernel (an IPI) so it notices a signal. */
    public void kickProcess(Task p) {
        if (p.onCpu) {
            k.entry.interrupt(rqs[p.cpu]);
        }
    }

    private void activateTask(RunQueue rq, Task p, boolean wakeup) {
        p.cpu = rq.cpu;
        p.onRq = true;
        p.schedClass.enqueueTask(rq, p, wakeup);
        rq.nrRunning++;
        if (rq.isIdle() || p.schedClass.wakeupPreempt(rq, p)) {
            reschedCurr(rq);
        }
    }

    private void deactivateTask(RunQueue rq, Task p) {
        p.schedClass.dequeueTask(rq, p);
        p.onRq = false;
        rq.nrRunning--;
    }

    private static boolean allowed(Task p, int cpu) {
        return p.cpusAllowed == null || p.cpusAllowed.get(cpu);
    }

    /**
     * select_task_rq() for a wake-up: the previous CPU if idle, else the first idle CPU, else
     * the previous one — among the CPUs the task may use.
     */
    private int selectTaskRqWake(Task p) {
        if (allowed(p, p.cpu) && rqs[p.cpu].isIdle()) {
            return p.cpu;
        }
        for (RunQueue rq : rqs) {
            if (allowed(p, rq.cpu) && rq.isIdle()) {
                return rq.cpu;
            }
        }
        return allowed(p, p.cpu) ? p.cpu : p.cpusAllowed.nextSetBit(0);
    }

    /** select_task_rq() for fork (find_idlest_cpu): the allowed CPU with the fewest runnable tasks, lowest first. */
    private int selectTaskRqFork(Task p) {
        RunQueue best = null;
        for (RunQueue rq : rqs) {
            if (allowed(p, rq.cpu) && (best == null || rq.nrRunning < best.nrRunning)) {
                best = rq;
            }
        }
        if (allowed(p, p.cpu) && rqs[p.cpu].nrRunning == best.nrRunning) {
            best = rqs[p.cpu]; // the parent's CPU wins a tie
        }
        return best.cpu;
    }

    /**
     * set_cpus_allowed_ptr(): a queued task that may no longer use its CPU moves to an
     * allowed one now; a running one is sent there at its next trip through the scheduler.
     */
    public void setCpusAllowed(Task p, java.util.BitSet mask) {
        p.cpusAllowed = mask;
        if (allowed(p, p.cpu)) {
            return;
        }
        RunQueue from = rqs[p.cpu];
        if (p.onRq && from.curr != p) {
            deactivateTask(from, p);
            activateTask(rqs[selectTaskRqWake(p)], p, false);
        } else if (from.curr == p) {
            reschedCurr(from);
        }
    }

    /** sched_yield(): the caller goes to the back of its queue. */
    public void yieldTask(Task p) {
        RunQueue rq = rqs[p.cpu];
        if (p.schedClass.queued(rq) > 0) {
            p.needResched = true;
        }
    }

    /** resched_curr(): sets TIF_NEED_RESCHED on rq's curr and interrupts the CPU. */
    public void reschedCurr(RunQueue rq) {
        rq.curr.needResched = true;
        k.entry.interrupt(rq);
    }

    /** update_curr(): charges the time curr has run since exec_start. */
    public void updateCurr(RunQueue rq) {
        Task curr = rq.curr;
        long now = k.now();
        long delta = now - curr.execStart;
        if (delta > 0 && curr != rq.idle) {
            curr.sumExecRuntime += delta;
        }
        curr.execStart = now;
    }

    /**
     * __schedule(): picks the next task for rq's CPU. {@code preempt} is true for an
     * involuntary switch (preemption); otherwise a task that is no longer TASK_RUNNING leaves
     * its runqueue (it sleeps, stops or is dead).
     */
    public void schedule(RunQueue rq, boolean preempt) {
        Task prev = rq.curr;
        updateCurr(rq);
        prev.needResched = false;
        boolean sleeps = !preempt && prev.state != TaskState.TASK_RUNNING && prev != rq.idle;
        if (sleeps) {
            if (signalPendingState(prev)) {
                prev.state = TaskState.TASK_RUNNING;
                sleeps = false;
            } else {
                deactivateTask(rq, prev);
            }
        }
        Task next = pickNextTask(rq, prev);
        if (next != prev) {
            if (sleeps) {
                prev.nvcsw++;
            } else if (prev != rq.idle) {
                prev.nivcsw++;
            }
            contextSwitch(rq, prev, next);
        }
    }

    /** signal_pending_state(): an interruptible (or killable, for SIGKILL) sleep with a signal pending does not sleep. */
    private static boolean signalPendingState(Task p) {
        if ((p.state & (TaskState.TASK_INTERRUPTIBLE | TaskState.TASK_WAKEKILL)) == 0 || !p.sigPending) {
            return false;
        }
        return (p.state & TaskState.TASK_INTERRUPTIBLE) != 0 || p.pending.has(ksim.kernel.signal.Signal.SIGKILL);
    }

    private Task pickNextTask(RunQueue rq, Task prev) {
        if (prev != rq.idle && prev.onRq) {
            if (!allowed(prev, rq.cpu)) { // move_queued_task(): its affinity no longer includes this CPU
                rq.nrRunning--;
                prev.onRq = false;
                activateTask(rqs[selectTaskRqWake(prev)], prev, false);
            } else {
                prev.schedClass.putPrevTask(rq, prev);
            }
        }
        for (SchedClass c : classes) {
            Task t = c.pickNextTask(rq);
            if (t != null) {
                return t;
            }
        }
        return rq.idle;
    }

    /** context_switch() and finish_task_switch(): mm or lazy-TLB switch, then the registers. */
    private void contextSwitch(RunQueue rq, Task prev, Task next) {
        long now = k.now();
        rq.nrSwitches++;
        if (rq.isIdle()) {
            rq.idleNs += now - rq.accountedAt;
        } else {
            rq.busyNs += now - rq.accountedAt;
        }
        rq.accountedAt = now;

        MmStruct dropAfterSwitch = null;
        if (next.mm == null) { // to a kernel thread (or idle): borrow prev's active_mm (lazy TLB)
            next.activeMm = prev.activeMm;
            if (prev.mm != null) {
                next.activeMm.grab();
            } else {
                prev.activeMm = null; // the borrowed reference moves to next
            }
        } else if (prev.mm == null) { // from a kernel thread: its borrowed mm is dropped after the switch
            dropAfterSwitch = prev.activeMm;
            prev.activeMm = null;
        }

        prev.onCpu = false;
        next.onCpu = true;
        next.cpu = rq.cpu;
        next.execStart = now;
        rq.curr = next;
        if (dropAfterSwitch != null) {
            dropAfterSwitch.mmdrop();
        }
        if (next == rq.idle) {
            rq.switchUntil = now;
            k.events.cancel(rq.tick);
            k.events.cancel(rq.step);
        } else {
            rq.switchUntil = now + k.costs.contextSwitchNs;
            if (!rq.tick.isQueued()) {
                k.events.schedule(rq.tick, (now / tickNs + 1) * tickNs);
            }
        }
    }

    /** scheduler_tick() with account_process_tick(): runs every tick on a CPU that is not idle. */
    private void schedulerTick(RunQueue rq) {
        Task curr = rq.curr;
        if (curr == rq.idle) {
            return; // NO_HZ_IDLE: an idle CPU stops its tick
        }
        updateCurr(rq);
        if (curr.op instanceof Spin && curr.burstRunning) {
            curr.utime += tickNs;
        } else {
            curr.stime += tickNs;
        }
        curr.schedClass.taskTick(rq, curr);
        if (curr.needResched) {
            k.entry.interrupt(rq);
        }
        k.events.schedule(rq.tick, k.now() + tickNs);
    }

    /** Busy time of a CPU up to now, for accounting and invariants. */
    public long busyNs(RunQueue rq) {
        return rq.busyNs + (rq.isIdle() ? 0 : k.now() - rq.accountedAt);
    }
}
