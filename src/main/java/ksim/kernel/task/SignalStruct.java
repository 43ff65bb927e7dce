package ksim.kernel.task;

import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.sync.WaitQueueHead;
import ksim.kernel.util.ListHead;

/**
 * include/linux/sched/signal.h: struct signal_struct, shared by every thread of a group:
 * the thread list, the group's exit state, the wait queue its children's exits are
 * announced on, the process-group and session pids, and the times of dead threads.
 */
public final class SignalStruct {
    public static final int SIGNAL_STOP_STOPPED = 0x00000001;
    public static final int SIGNAL_STOP_CONTINUED = 0x00000002;
    public static final int SIGNAL_GROUP_EXIT = 0x00000004;
    public static final int SIGNAL_CLD_STOPPED = 0x00000010;
    public static final int SIGNAL_CLD_CONTINUED = 0x00000020;
    public static final int SIGNAL_CLD_MASK = SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED;
    public static final int SIGNAL_UNKILLABLE = 0x00000040;
    public static final int SIGNAL_STOP_MASK = SIGNAL_CLD_MASK | SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED;

    /** shared_pending: signals sent to the whole group. */
    public final ksim.kernel.signal.SigPending sharedPending = new ksim.kernel.signal.SigPending();
    /** group_stop_count: threads that still have to stop for a group stop. */
    public int groupStopCount;
    /** curr_target: where complete_signal() starts looking for a thread. */
    public Task currTarget;

    /** Threads alive (not yet past exit_signals in do_exit). */
    public int live = 1;
    public int nrThreads = 1;
    /** quick_threads: threads that have not started exiting (synchronize_group_exit()). */
    public int quickThreads = 1;
    public final ListHead<Task> threadHead = ListHead.head();
    public final WaitQueueHead waitChldexit = new WaitQueueHead();

    public int flags;
    public int groupExitCode;
    public Task groupExecTask;
    public int notifyCount;

    public boolean isChildSubreaper;
    public boolean hasChildSubreaper;
    /** Set in the session leader's signal_struct (the "leader" field). */
    public boolean leader;

    /** pids[PIDTYPE_TGID..PIDTYPE_SID]; pids[PIDTYPE_PID] is unused, as in Linux. */
    public final Pid[] pids = new Pid[PidType.PIDTYPE_MAX];

    /** rlim[]: the group's resource limits. */
    public Rlimits rlim;

    /** Times and context switches of threads that have exited, and of reaped children (c*). */
    public long utime, stime, sumExecRuntime;
    public long cutime, cstime;
    public long nvcsw, nivcsw, cnvcsw, cnivcsw;
    /** struct prev_cputime for thread_group_cputime_adjusted(). */
    public final PrevCputime prevCputime = new PrevCputime();
}
