package ksim.kernel.sched;

import java.util.BitSet;
import ksim.abi.Sched;
import ksim.kernel.Kernel;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.time.Event;

/**
 * kernel/sched/core.c: the scheduler core. schedule(), try_to_wake_up(), wake_up_new_task(),
 * the scheduler tick, and changes of priority, policy and affinity. Everything that decides
 * which task runs next goes through a {@link SchedClass}, consulted in Linux's order (stop,
 * rt, fair, idle); where tasks run is {@link LoadBalance}'s; the switch itself is
 * {@link ContextSwitch}'s.
 */
public final class Scheduler {
    final Kernel k;
    public final RunQueue[] rqs;
    /** The scheduling classes, in priority order. */
    final SchedClasses classes;
    private final long tickNs;
    final LoadBalance balance;
    public final LoadAvg loadAvg;
    /** The switch itself, and its counters. */
    public final ContextSwitch switches;
    /** Run time of tasks that are dead and switched out for good (finish_task_switch() of a TASK_DEAD prev). */
    long deadRuntime;
    private final SchedInvariants invariants;
    /** The RT bandwidth period timer (sched_rt_period_timer), armed while RT tasks run. */
    private final Event rtPeriodTimer;

    public Scheduler(Kernel k, int cpus) {
        this.k = k;
        this.tickNs = k.config.tickNs();
        this.classes = new SchedClasses(k.config);
        this.balance = new LoadBalance(this);
        this.loadAvg = new LoadAvg(k.config.hz);
        this.switches = new ContextSwitch(k);
        this.invariants = new SchedInvariants(this);
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
            rqs[i] = holder[0] = new RunQueue(this, i, step, tick);
        }
        rtPeriodTimer = new Event() {
            @Override
            public void fire() {
                rtPeriodTimer();
            }
        };
    }

    /** init_idle(): {@code idle} becomes CPU {@code cpu}'s idle task and its first curr. */
    public void initIdle(Task idleTask, int cpu) {
        RunQueue rq = rqs[cpu];
        idleTask.cpu = cpu;
        idleTask.onCpu = true;
        idleTask.state = TaskState.TASK_RUNNING;
        idleTask.schedClass = classes.idle;
        idleTask.cpusAllowed = new BitSet();
        idleTask.cpusAllowed.set(cpu);
        rq.idle = idleTask;
        rq.curr = idleTask;
        switches.initIdleThread(rq, idleTask);
    }

    /** The class a task's policy and priority put it in; the stop and idle tasks keep theirs, which no policy selects. */
    private SchedClass classFor(Task p) {
        return p.schedClass.selectable() ? classes.setschedulerClass(p.policy, p.prio) : p.schedClass;
    }

    /** sched_fork(): the new task is TASK_NEW, inherits its priority (reset if asked) and joins its class. */
    public void schedFork(Task p, Task parent) {
        p.state = TaskState.TASK_NEW;
        p.policy = parent.policy;
        p.staticPrio = parent.staticPrio;
        p.normalPrio = parent.normalPrio;
        p.rtPriority = parent.rtPriority;
        p.cpusAllowed = parent.cpusAllowed;
        if (parent.resetOnFork) { // RT goes back to SCHED_NORMAL at nice 0; a negative nice goes to 0
            if (RtSchedClass.rtPolicy(p.policy)) {
                p.policy = Sched.SCHED_NORMAL;
                p.staticPrio = SchedCalls.DEFAULT_PRIO;
                p.rtPriority = 0;
            } else if (p.staticPrio < SchedCalls.DEFAULT_PRIO) {
                p.staticPrio = SchedCalls.DEFAULT_PRIO;
            }
            p.normalPrio = p.staticPrio;
        }
        p.prio = p.normalPrio;
        SchedEntity se = p.se;
        se.sumExecRuntime = 0;
        se.prevSumExecRuntime = 0;
        se.nrMigrations = 0;
        se.vruntime = 0;
        se.vlag = 0;
        se.onRq = false;
        p.rtTimeSlice = classes.rt.rrTimeslice;
        p.schedClass = classes.setschedulerClass(p.policy, p.prio);
        FairSchedClass.setLoadWeight(p);
        p.cpu = parent.cpu;
        // every task's sched_entity, whatever its class (Linux <= 6.5 ran CFS's task_fork_fair() for fair tasks only)
        classes.fair.taskFork(rqs[parent.cpu], p);
        switches.copyThread(p, parent);
    }

    /**
     * sched_set_stop_task(): {@code stop} becomes CPU {@code cpu}'s stopper, shown as
     * SCHED_FIFO 99 but run by the stop class above every other.
     */
    public void setStopTask(int cpu, Task stop) {
        stop.policy = Sched.SCHED_FIFO;
        stop.rtPriority = SchedCalls.MAX_RT_PRIO - 1;
        stop.normalPrio = stop.prio = 0;
        stop.schedClass = classes.stop;
        rqs[cpu].stop = stop;
    }

    /** The policy and nice of a kernel thread made at boot, before it is ever queued. */
    public void setBootParams(Task p, int policy, int rtPriority, int nice) {
        if (p.onRq) {
            throw new IllegalStateException(p + " is already queued");
        }
        p.policy = policy;
        p.rtPriority = rtPriority;
        p.staticPrio = SchedCalls.DEFAULT_PRIO + nice;
        p.normalPrio = p.prio = normalPrio(policy, rtPriority, nice);
        p.schedClass = classes.setschedulerClass(p.policy, p.prio);
        FairSchedClass.setLoadWeight(p);
    }

    /** normal_prio(): __normal_prio() of the task's policy, RT priority and nice. */
    static int normalPrio(Task p) {
        return normalPrio(p.policy, p.rtPriority, SchedCalls.taskNice(p));
    }

    /** __normal_prio(): an RT policy's priority from its RT priority (0 the highest), any other's from nice. */
    static int normalPrio(int policy, int rtPriority, int nice) {
        if (RtSchedClass.rtPolicy(policy)) {
            return SchedCalls.MAX_RT_PRIO - 1 - rtPriority;
        }
        return SchedCalls.DEFAULT_PRIO + nice; // NICE_TO_PRIO()
    }

    /** wake_up_new_task(): the new task is runnable for the first time, on the CPU fork balancing chose. */
    public void wakeUpNewTask(Task p) {
        p.state = TaskState.TASK_RUNNING;
        p.cpu = selectTaskRq(p, SchedClass.WF_FORK);
        RunQueue rq = rqs[p.cpu];
        activateTask(rq, p, SchedClass.ENQUEUE_INITIAL);
        if (k.trace != null) k.trace.schedWakeupNew(p);
        wakeupPreempt(rq, p);
        balance.afterEnqueue(rq, p);
    }

    /**
     * try_to_wake_up(): wakes {@code p} if its state is in {@code stateMask}. Returns whether
     * it was woken (false when it was not sleeping in one of those states).
     */
    public boolean tryToWakeUp(Task p, int stateMask) {
        if ((p.state & stateMask) == 0) {
            return false;
        }
        if (k.trace != null) k.trace.schedWaking(p);
        if (p.onRq) { // ttwu_runnable(): it has not left its runqueue yet
            p.state = TaskState.TASK_RUNNING;
            if (k.trace != null) k.trace.schedWakeup(p);
            return true;
        }
        RunQueue from = rqs[p.cpu];
        if (p.contributesToLoad) {
            from.nrUninterruptible--;
            p.contributesToLoad = false;
        }
        p.state = TaskState.TASK_WAKING;
        int cpu = selectTaskRq(p, SchedClass.WF_TTWU);
        int flags = SchedClass.ENQUEUE_WAKEUP;
        if (cpu != p.cpu) {
            setTaskCpu(p, cpu);
            flags |= SchedClass.ENQUEUE_MIGRATED;
        }
        p.state = TaskState.TASK_RUNNING;
        RunQueue rq = rqs[cpu];
        activateTask(rq, p, flags);
        wakeupPreempt(rq, p);
        if (k.trace != null) k.trace.schedWakeup(p);
        balance.afterEnqueue(rq, p);
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

    void activateTask(RunQueue rq, Task p, int flags) {
        p.schedClass.enqueueTask(rq, p, flags);
        p.onRq = true;
        rq.nrRunning++;
    }

    void deactivateTask(RunQueue rq, Task p, int flags) {
        p.schedClass.dequeueTask(rq, p, flags);
        p.onRq = false;
        rq.nrRunning--;
    }

    /** select_task_rq(): the CPU p's class chooses for it. */
    int selectTaskRq(Task p, int wakeFlags) {
        return p.schedClass.selectTaskRq(rqs[p.cpu], p, wakeFlags);
    }

    /** set_task_cpu(): a move to another CPU counts as a migration. */
    void setTaskCpu(Task p, int cpu) {
        if (p.cpu != cpu) {
            p.schedClass.migrateTaskRq(rqs[p.cpu], p, cpu);
            if (k.trace != null) k.trace.schedMigrateTask(p, cpu);
            p.se.nrMigrations++;
            p.cpu = cpu;
        }
    }

    /** move_queued_task(): a queued task that is not running moves to another CPU's queue. */
    void moveQueuedTask(Task p, RunQueue to) {
        moveQueuedTask(p, to, true);
    }

    /** As {@link #moveQueuedTask(Task, RunQueue)}; {@code balance} false when rq is mid-schedule() pulling work for itself. */
    void moveQueuedTask(Task p, RunQueue to, boolean balance) {
        RunQueue from = rqs[p.cpu];
        deactivateTask(from, p, SchedClass.DEQUEUE_SAVE | SchedClass.DEQUEUE_MOVE);
        setTaskCpu(p, to.cpu);
        activateTask(to, p, SchedClass.ENQUEUE_MIGRATED);
        wakeupPreempt(to, p);
        if (balance) {
            this.balance.afterEnqueue(to, p);
        }
    }

    /** wakeup_preempt(): should {@code p}, just queued on rq, preempt rq's curr? */
    void wakeupPreempt(RunQueue rq, Task p) {
        Task curr = rq.curr;
        if (curr == rq.idle) {
            reschedCurr(rq);
        } else if (p.schedClass == curr.schedClass) {
            p.schedClass.wakeupPreempt(rq, p);
        } else if (p.schedClass.above(curr.schedClass)) {
            reschedCurr(rq);
        }
    }

    static boolean allowed(Task p, int cpu) {
        return p.cpusAllowed == null || p.cpusAllowed.get(cpu);
    }

    /** Where a task goes when no better CPU is found: its own if still allowed, else the first allowed one. */
    static int fallbackCpu(Task p) {
        return allowed(p, p.cpu) ? p.cpu : p.cpusAllowed.nextSetBit(0);
    }

    /**
     * set_cpus_allowed_ptr(): a queued task that may no longer use its CPU moves to an
     * allowed one now; a running one is moved off by the next pass through schedule()
     * (the kernel's stopper does it at once; here the resched IPI does).
     */
    public void setCpusAllowed(Task p, BitSet mask, Task caller) {
        p.cpusAllowed = mask;
        RunQueue from = rqs[p.cpu];
        if (!allowed(p, p.cpu)) {
            if (p.onRq && from.curr != p) {
                moveQueuedTask(p, rqs[selectTaskRq(p, SchedClass.WF_TTWU)]);
            } else if (from.curr == p) {
                if (caller == p) { // affine_move_task(): the caller waits for the stopper to move it
                    from.affineMoveSelf = p;
                }
                reschedCurr(from);
            }
            // asleep: it stays where it was; try_to_wake_up() picks an allowed CPU (a migration then)
        } else if (p.onRq && from.curr != p) {
            balance.afterEnqueue(from, p); // it may now fit an idle CPU
        }
    }

    /**
     * __sched_setscheduler() / set_user_nice() / rt_mutex_setprio()'s common shape: the task
     * leaves its queue (and its CPU, for the class's bookkeeping), {@code change} runs, and
     * it comes back in whatever class its new priority selects; then preemption is checked.
     */
    void changeSchedParams(Task p, Runnable change) {
        RunQueue rq = rqs[p.cpu];
        boolean queued = p.onRq;
        boolean running = rq.curr == p && p != rq.idle;
        int oldPrio = p.prio;
        SchedClass oldClass = p.schedClass;
        if (running) {
            updateCurr(rq);
        }
        if (queued) {
            p.schedClass.dequeueTask(rq, p, SchedClass.DEQUEUE_SAVE | SchedClass.DEQUEUE_MOVE);
        }
        if (running) {
            p.schedClass.putPrevTask(rq, p);
        }
        change.run();
        p.prio = p.normalPrio;
        p.schedClass = classFor(p);
        classes.fair.reweightTask(p);
        if (queued) {
            p.schedClass.enqueueTask(rq, p, SchedClass.ENQUEUE_RESTORE | SchedClass.ENQUEUE_MOVE);
        }
        if (running) {
            p.schedClass.setNextTask(rq, p);
        }
        if (!queued) {
            return;
        }
        if (p.schedClass != oldClass) { // check_class_changed()
            p.schedClass.switchedTo(rq, p);
        } else {
            p.schedClass.prioChanged(rq, p, oldPrio);
        }
    }

    /** set_user_nice(). */
    void setUserNice(Task p, int nice) {
        changeSchedParams(p, () -> {
            p.staticPrio = SchedCalls.DEFAULT_PRIO + nice;
            p.normalPrio = normalPrio(p);
        });
    }

    /** __setscheduler_params() under changeSchedParams(). */
    void setScheduler(Task p, int policy, int rtPriority, boolean resetOnFork) {
        changeSchedParams(p, () -> {
            p.policy = policy;
            p.rtPriority = rtPriority;
            p.resetOnFork = resetOnFork;
            p.normalPrio = normalPrio(p);
        });
    }

    /** do_sched_yield(): the class moves the caller back, then the caller goes through schedule(). */
    public void yieldTask(Task p) {
        RunQueue rq = rqs[p.cpu];
        p.schedClass.yieldTask(rq, p);
        p.needResched = true;
    }

    /** resched_curr(): sets TIF_NEED_RESCHED on rq's curr and interrupts the CPU. */
    public void reschedCurr(RunQueue rq) {
        rq.curr.needResched = true;
        k.entry.interrupt(rq);
    }

    /** update_curr(): charges the time curr has run since exec_start to it and its class. */
    public void updateCurr(RunQueue rq) {
        Task curr = rq.curr;
        long now = k.now();
        long delta = now - curr.se.execStart;
        curr.se.execStart = now;
        if (delta <= 0 || curr == rq.idle) {
            return;
        }
        curr.se.sumExecRuntime += delta;
        curr.schedClass.updateCurr(rq, curr, delta);
    }

    /**
     * __schedule(): picks the next task for rq's CPU. {@code preempt} is true for an
     * involuntary switch (preemption); otherwise a task that is no longer TASK_RUNNING leaves
     * its runqueue (it sleeps, stops or is dead).
     */
    public void schedule(RunQueue rq, boolean preempt) {
        Task prev = rq.curr;
        int prevState = prev.state; // what sched_switch reports, even if a pending signal keeps prev runnable
        updateCurr(rq);
        prev.needResched = false;
        boolean sleeps = !preempt && prev.state != TaskState.TASK_RUNNING && prev != rq.idle;
        boolean voluntary = sleeps; // switch_count is nvcsw even when a pending signal keeps prev runnable
        if (sleeps) {
            if (signalPendingState(prev)) {
                prev.state = TaskState.TASK_RUNNING;
                sleeps = false;
            } else {
                blockTask(rq, prev);
            }
        }
        RunQueue migrateTo = null;
        if (prev.onRq && !allowed(prev, rq.cpu)) { // its affinity no longer includes this CPU
            migrateTo = rqs[selectTaskRq(prev, SchedClass.WF_TTWU)];
            deactivateTask(rq, prev, SchedClass.DEQUEUE_SAVE | SchedClass.DEQUEUE_MOVE);
        }
        Task next = pickNextTask(rq, prev);
        boolean waitsForStopper = migrateTo != null && rq.affineMoveSelf == prev;
        rq.affineMoveSelf = null;
        if (next != prev) {
            if (voluntary || waitsForStopper) {
                prev.nvcsw++;
            } else if (prev != rq.idle) {
                prev.nivcsw++;
            }
            rq.nrSwitches++;
            boolean wasAsleep = prev == rq.idle && k.now() > rq.accountedAt; // idle for a while, not just now
            accountCpu(rq);
            if (k.trace != null) k.trace.schedSwitch(rq, prev, next, prevState);
            switches.contextSwitch(rq, prev, next);
            if (wasAsleep) { // the CPU first has to wake up (IPI, idle-state exit)
                rq.switchUntil = k.now() + k.costs.idleExitNs;
            }
            if (prev.state == TaskState.TASK_DEAD) {
                if (k.trace != null) k.trace.deadSwitchedOut(prev);
                deadRuntime += prev.se.sumExecRuntime;
            } else if (prev.onRq && prev != rq.idle) {
                // preempted and waiting: an RT task may be pushed elsewhere at once (the
                // balance callback); idle CPUs are kicked now rather than at the next tick
                balance.afterEnqueue(rq, prev);
            }
            armTick(rq);
        }
        if (migrateTo != null) {
            setTaskCpu(prev, migrateTo.cpu);
            activateTask(migrateTo, prev, SchedClass.ENQUEUE_MIGRATED);
            wakeupPreempt(migrateTo, prev);
            balance.afterEnqueue(migrateTo, prev);
        }
    }

    /** block_task(): prev leaves its queue to sleep; a D sleeper counts in the load average. */
    private void blockTask(RunQueue rq, Task prev) {
        prev.contributesToLoad = (prev.state & TaskState.TASK_UNINTERRUPTIBLE) != 0
                && (prev.state & TaskState.TASK_NOLOAD) == 0;
        if (prev.contributesToLoad) {
            rq.nrUninterruptible++;
        }
        deactivateTask(rq, prev, SchedClass.DEQUEUE_SLEEP);
    }

    /** signal_pending_state(): an interruptible (or killable, for SIGKILL) sleep with a signal pending does not sleep. */
    private static boolean signalPendingState(Task p) {
        if ((p.state & (TaskState.TASK_INTERRUPTIBLE | TaskState.TASK_WAKEKILL)) == 0 || !p.sigPending) {
            return false;
        }
        return (p.state & TaskState.TASK_INTERRUPTIBLE) != 0 || p.pending.has(ksim.abi.Signal.SIGKILL);
    }

    /**
     * pick_next_task(): the first class with a task wins; a CPU about to go idle first tries
     * to pull work from a busier one (sched_balance_newidle()). put_prev_set_next_task()
     * then moves the classes' "current" from prev to next.
     */
    private Task pickNextTask(RunQueue rq, Task prev) {
        Task next = pickTask(rq);
        if (next == rq.idle && balance.newidleBalance(rq)) {
            next = pickTask(rq);
        }
        if (next != prev) {
            prev.schedClass.putPrevTask(rq, prev);
            next.schedClass.setNextTask(rq, next);
        }
        return next;
    }

    private Task pickTask(RunQueue rq) {
        if (rq.nrRunning == rq.cfs.nrRunning) { // __pick_next_task()'s fast path: only fair tasks are runnable
            Task t = classes.fair.pickTask(rq);
            return t != null ? t : rq.idle;
        }
        for (SchedClass c : classes.order) {
            Task t = c.pickTask(rq);
            if (t != null) {
                return t;
            }
        }
        throw new IllegalStateException("the idle class always has a task");
    }

    /** cpustat: the time since the last switch was busy or idle. */
    private void accountCpu(RunQueue rq) {
        long now = k.now();
        if (rq.isIdle()) {
            rq.idleNs += now - rq.accountedAt;
        } else {
            rq.busyNs += now - rq.accountedAt;
        }
        rq.accountedAt = now;
    }

    /** The tick runs while the CPU has a task and stops when it goes idle (NO_HZ_IDLE). */
    private void armTick(RunQueue rq) {
        if (rq.isIdle()) {
            k.events.cancel(rq.tick);
            k.events.cancel(rq.step);
        } else if (!rq.tick.isQueued()) {
            k.events.schedule(rq.tick, (k.now() / tickNs + 1) * tickNs);
        }
    }

    /** sched_tick() with account_process_tick(): runs every tick on a CPU that is not idle. */
    private void schedulerTick(RunQueue rq) {
        if (k.trace != null) k.trace.context(rq.cpu, ksim.kernel.trace.Tracepoints.HARDIRQ);
        Task curr = rq.curr;
        if (curr == rq.idle) {
            return;
        }
        updateCurr(rq);
        if (curr.op instanceof Spin && curr.burstRunning) {
            curr.utime += tickNs;
        } else {
            curr.stime += tickNs;
        }
        curr.schedClass.taskTick(rq, curr);
        ksim.kernel.time.PosixCpuTimers.runPosixCpuTimers(k, curr);
        loadAvg.tick(this, k.now());
        balance.tick(rq);
        if (curr.needResched) {
            k.entry.interrupt(rq);
        }
        k.events.schedule(rq.tick, k.now() + tickNs);
    }

    /** start_rt_bandwidth(): the period timer runs while any CPU has RT tasks or RT time to refill. */
    void startRtBandwidth() {
        if (!rtPeriodTimer.isQueued()) {
            k.events.schedule(rtPeriodTimer, k.now() + classes.rt.rtPeriodNs);
        }
    }

    /** do_sched_rt_period_timer(): each CPU's RT time is paid back by one period's runtime. */
    private void rtPeriodTimer() {
        if (k.trace != null) k.trace.context(0, ksim.kernel.trace.Tracepoints.HARDIRQ);
        boolean idleAll = true;
        for (RunQueue rq : rqs) {
            RtRq rtRq = rq.rt;
            if (rq.curr.schedClass == classes.rt) {
                updateCurr(rq);
            }
            if (rtRq.rtTime > 0) {
                rtRq.rtTime -= Math.min(rtRq.rtTime, classes.rt.rtRuntimeNs);
                if (rtRq.throttled && rtRq.rtTime < classes.rt.rtRuntimeNs) {
                    rtRq.throttled = false;
                    if (rtRq.nrRunning > 0) {
                        reschedCurr(rq);
                    }
                }
            }
            if (rtRq.rtTime > 0 || rtRq.nrRunning > 0) {
                idleAll = false;
            }
        }
        if (!idleAll) {
            k.events.schedule(rtPeriodTimer, k.now() + classes.rt.rtPeriodNs);
        }
    }

    /** The scheduler's part of the invariant checker (see {@link SchedInvariants}). */
    public void checkInvariants(java.util.List<Task> all, java.util.List<String> bad) {
        invariants.check(all, bad);
    }

    /** Busy time of a CPU up to now, for accounting and invariants. */
    public long busyNs(RunQueue rq) {
        return rq.busyNs + (rq.isIdle() ? 0 : k.now() - rq.accountedAt);
    }

    /** The name of the task's scheduling class, for inspection (stop, rt, fair, idle). */
    public static String className(Task p) {
        return p.schedClass.name;
    }
}
