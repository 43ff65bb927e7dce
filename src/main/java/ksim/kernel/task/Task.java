package ksim.kernel.task;

import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.signal.SigHand;
import ksim.kernel.util.ListHead;

/**
 * include/linux/sched.h: struct task_struct.
 *
 * <p>Fields keep Linux's names where Linux has them. Lists are intrusive ({@link ListHead}),
 * so family and pid bookkeeping is O(1) and allocation-free. Sections: identity and family
 * (kernel/fork.c, kernel/exit.c), state, scheduling (kernel/sched), accounting
 * (kernel/sched/cputime.c), and the user-mode execution state that stands in for
 * thread_struct and the user registers.
 */
public final class Task {
    // ---- identity -------------------------------------------------------------------
    /** thread_pid: this thread's struct pid (PIDTYPE_PID). */
    public Pid threadPid;
    public Task groupLeader = this;
    public SignalStruct signal;
    public SigHand sighand;
    public MmStruct mm;
    /** files: the fd table (shared by CLONE_FILES). */
    public ksim.kernel.fs.FilesStruct files;
    /** The mm in use on a CPU: mm for user tasks, a borrowed one for kernel threads (lazy TLB). */
    public MmStruct activeMm;
    public Cred cred = Cred.ROOT;
    /** nsproxy->pid_ns_for_children. */
    public PidNamespace pidNsForChildren;
    /** comm: at most TASK_COMM_LEN - 1 = 15 bytes. */
    public String comm;
    /** A name given by whoever created the task (the scenario's name); not a Linux field. */
    public String label;

    // ---- family ---------------------------------------------------------------------
    public Task realParent;
    public Task parent;
    public final ListHead<Task> children = ListHead.head();
    /**
     * ksim's own, not Linux's: false only when no task on {@link #children} is a zombie, so that
     * do_wait_thread() need not walk a list of thousands of live children to find none (Linux
     * walks it; the result is the same). Set whenever a zombie stays on or joins the list,
     * cleared by a walk of the whole list that met no zombie.
     */
    public boolean mayHaveZombieChildren;
    public final ListHead<Task> sibling = new ListHead<>(this);
    /** thread_node on signal->thread_head. */
    public final ListHead<Task> threadNode = new ListHead<>(this);
    /** tasks: the global list of thread-group leaders (init_task.tasks). */
    public final ListHead<Task> tasks = new ListHead<>(this);
    /** pid_links[type]: this task on its pids' task lists. */
    @SuppressWarnings("unchecked")
    public final ListHead<Task>[] pidLinks = new ListHead[PidType.PIDTYPE_MAX];

    // ---- state ----------------------------------------------------------------------
    /** __state. */
    public int state;
    public int exitState;
    /** PF_* flags. */
    public int flags;
    public int exitCode;
    public int exitSignal;
    public int pdeathSignal;
    /** timer_slack_ns and default_timer_slack_ns (the creator's slack when this task was made). */
    public long timerSlackNs = DEFAULT_TIMER_SLACK_NS;
    public long defaultTimerSlackNs = DEFAULT_TIMER_SLACK_NS;
    /** init_task's timer slack: 50 µs. */
    public static final long DEFAULT_TIMER_SLACK_NS = 50_000;
    /** atomic_flags PFA_NO_NEW_PRIVS: a per-thread flag, inherited by clone(), never cleared. */
    public boolean noNewPrivs;
    /** The kthread API's data of a kernel thread made by kthreadd (to_kthread()); null otherwise. */
    public ksim.kernel.kthread.Kthread kthread;
    /** clear_child_tid (CLONE_CHILD_CLEARTID): mm_release() will clear the TID word and wake its futex. */
    public boolean clearChildTid;
    /** The TID word was cleared (it reads 0). */
    public boolean tidCleared;
    /** Futex waiters on the TID word (pthread_join()); created on first wait. */
    public ksim.kernel.sync.WaitQueueHead tidFutex;
    /** DEFINE_WAIT(): the wait-queue entry a blocking call uses (one call at a time, so one entry); made on first use. */
    private ksim.kernel.sync.WaitQueueEntry waitEntry;

    public ksim.kernel.sync.WaitQueueEntry waitEntry() {
        if (waitEntry == null) {
            waitEntry = new ksim.kernel.sync.WaitQueueEntry(this);
        }
        return waitEntry;
    }

    /** vfork_done: completed when this vfork child releases its mm (exit or exec). */
    public ksim.kernel.sync.Completion vforkDone;
    /** Nanoseconds since boot (start_time). */
    public long startTime;

    // ---- signals --------------------------------------------------------------------
    /** pending: signals sent to this thread alone. */
    public final ksim.kernel.signal.SigPending pending = new ksim.kernel.signal.SigPending();
    /** blocked: the signal mask, bit (sig - 1). */
    public long blocked;
    /** TIF_SIGPENDING. */
    public boolean sigPending;
    /** TIF_RESTORE_SIGMASK: {@link #savedSigmask} comes back on the way to user mode (sigsuspend). */
    public boolean restoreSigmask;
    /** saved_sigmask: the mask sigsuspend() replaced, restored by the first handler's rt_sigreturn or at once. */
    public long savedSigmask;
    /** jobctl: JOBCTL_* group-stop state and the stop signal in its low byte. */
    public int jobctl;
    /**
     * Signal frames set up on the user stack and not yet run: {signal, mask to restore on
     * rt_sigreturn}, the last one set up on top (it runs first). Null while there are none.
     */
    public java.util.ArrayDeque<long[]> sigFrames;

    // ---- scheduling -----------------------------------------------------------------
    public int cpu;
    /** on_rq: queued on (or running from) a runqueue. */
    public boolean onRq;
    /** on_cpu: currently running on its CPU. */
    public boolean onCpu;
    /** TIF_NEED_RESCHED. */
    public boolean needResched;
    public int policy;
    public int staticPrio = 120;
    public int prio = 120;
    public int normalPrio = 120;
    public int rtPriority;
    /** sched_reset_on_fork: children start as SCHED_OTHER at nice 0 or above. */
    public boolean resetOnFork;
    /** cpus_mask: where the task may run; null means every CPU. */
    public java.util.BitSet cpusAllowed;
    /** sched_class: which scheduling class queues this task. */
    public ksim.kernel.sched.SchedClass schedClass;
    /** se: the fair class's entity and the runtime accounting every class shares. */
    public final ksim.kernel.sched.SchedEntity se = new ksim.kernel.sched.SchedEntity(this);
    /** rt.time_slice: SCHED_RR's remaining slice, in ticks. */
    public int rtTimeSlice;
    /** sched_contributes_to_load: asleep in D, counted in its CPU's nr_uninterruptible. */
    public boolean contributesToLoad;
    /** nvcsw / nivcsw: voluntary and involuntary context switches. */
    public long nvcsw;
    public long nivcsw;

    // ---- accounting (tick-sampled, kernel/sched/cputime.c) ----------------------------
    public long utime;
    public long stime;
    /** prev_cputime: what task_cputime_adjusted() last reported for this thread alone (it never goes back). */
    public final PrevCputime prevCputime = new PrevCputime();

    // ---- user-mode execution (thread_struct / pt_regs) --------------------------------
    /** thread: the registers a context switch saves, and the kernel stack. */
    public final ThreadStruct thread = new ThreadStruct();
    public Program program;
    /** What the task is doing now: a spin, a system call in flight, or null (ask the program). */
    public UserOp op;
    /** Remaining CPU time of the current burst (a spin, or a system call's cost). */
    public long burstLeft;
    /** When the current burst last started running on a CPU. */
    public long burstStart;
    /** The burst is on a CPU now (the CPU's step event is armed for its end). */
    public boolean burstRunning;
    /** The current op has finished; {@link #ret} waits to be returned to user mode. */
    public boolean opDone;
    /** The finished op's return value. */
    public long ret;

    public Task() {
        for (int i = 0; i < pidLinks.length; i++) {
            pidLinks[i] = new ListHead<>(this);
        }
    }

    /** task_pid_type(): the pid of this task for {@code type}. */
    public Pid pidOf(int type) {
        return type == PidType.PIDTYPE_PID ? threadPid : signal.pids[type];
    }

    public void setPid(int type, Pid pid) {
        if (type == PidType.PIDTYPE_PID) {
            threadPid = pid;
        } else {
            signal.pids[type] = pid;
        }
    }

    /** task_active_pid_ns(). */
    public PidNamespace activePidNs() {
        return threadPid.ns();
    }

    /** thread_group_leader(). */
    public boolean isGroupLeader() {
        return groupLeader == this;
    }

    /** same_thread_group(). */
    public boolean sameThreadGroup(Task other) {
        return signal == other.signal;
    }

    /** thread_group_empty(). */
    public boolean threadGroupEmpty() {
        return signal.nrThreads == 1 && threadNode.nextIn(signal.threadHead) == this;
    }

    /** pid_alive(). */
    public boolean pidAlive() {
        return threadPid != null && threadPid.hasTask(PidType.PIDTYPE_PID);
    }

    /** task_pid_nr_ns(). */
    public int pidNr(PidNamespace ns) {
        return threadPid.nrIn(ns);
    }

    /** task_tgid_nr_ns(). */
    public int tgidNr(PidNamespace ns) {
        return signal.pids[PidType.PIDTYPE_TGID].nrIn(ns);
    }

    /** task_pid_vnr() / task_tgid_vnr(): numbers as the task itself sees them. */
    public int pidVnr() {
        return pidNr(activePidNs());
    }

    public int tgidVnr() {
        return tgidNr(activePidNs());
    }

    /**
     * capable(cap) / ns_capable(): whether current holds the capability (ksim: root's full set
     * while euid is 0, {@link Cred#capable()}). A successful check marks the task PF_SUPERPRIV
     * (ns_capable_common()), which /proc/PID/stat's flags show and fork clears; so call it only
     * where, and when, Linux evaluates the check.
     */
    public boolean capable() {
        if (!cred.capable()) {
            return false;
        }
        flags |= TaskFlags.PF_SUPERPRIV;
        return true;
    }

    public boolean isKthread() {
        return (flags & TaskFlags.PF_KTHREAD) != 0;
    }

    /** delay_group_leader(): a zombie leader whose other threads still run is not reported. */
    public boolean delayGroupLeader() {
        return isGroupLeader() && !threadGroupEmpty();
    }

    @Override
    public String toString() {
        return comm + "[" + (threadPid == null ? "?" : threadPid.globalNr()) + "]";
    }
}
