package ksim.kernel.trace;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import ksim.abi.SigAction;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.sched.RunQueue;
import ksim.kernel.signal.SigHand;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * The tracepoints of one traced kernel (a kernel is traced while {@code Kernel.trace} is set;
 * each call site tests that one field, so an untraced kernel allocates nothing and does
 * nothing more). Each method is the TP_fast_assign() of its event: it copies what the event
 * stores out of the live task, adds the common fields — the time, the CPU, the current task,
 * the context flags — and hands the event to the {@link Tracer}.
 *
 * <p>The context is what the simulated CPU is doing when the tracepoint is hit: running a
 * task (process context), or a timer's hard or soft interrupt on top of whatever task that
 * CPU runs. The kernel says so with {@link #context} where a CPU's work starts (its step,
 * its tick, a timer firing); "current" is then that CPU's {@code curr}.
 *
 * <p>The flags' preempt depths are those each site shows on the real kernel (6.18,
 * PREEMPT_DYNAMIC): the locks held there. A wake-up takes p->pi_lock inside a wait-queue or
 * signal lock (sched_waking at 3) and then the runqueue lock (sched_wakeup at 4);
 * __schedule() holds the runqueue lock (2); signals are generated under siglock (1), and
 * under tasklist_lock too on the exit path (2).
 */
public final class Tracepoints {
    /** The kinds of context an event is emitted from (the flags' hardirq/softirq column). */
    public static final int TASK = 0, HARDIRQ = 1, SOFTIRQ = 2;

    /**
     * sa_handler of a caught signal: the scenario program's handler, at a fixed address in a
     * position-independent executable loaded at 0x555555554000 (the base without address
     * space randomization), since the real one moves with ASLR from run to run.
     */
    public static final long CATCH_HANDLER = 0x555555555189L;

    private final Kernel k;
    private final Tracer sink;
    private int cpu;
    private int irq = TASK;
    /** Tasks that have been released (release_task) or switched out dead, not both yet: their put_task_struct_rcu_user() count. */
    private final Set<Task> halfFreed = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The counters as last sampled: each CPU's nr_running, the load average. */
    private final long[] lastNrRunning;
    private final long[] lastLoad = {-1, -1, -1};

    public Tracepoints(Kernel k, Tracer sink) {
        this.k = k;
        this.sink = sink;
        this.lastNrRunning = new long[k.config.cpus];
        java.util.Arrays.fill(lastNrRunning, -1);
    }

    /** The CPU {@code cpu} starts work in {@code irqContext} (TASK, HARDIRQ, SOFTIRQ). */
    public void context(int cpu, int irqContext) {
        this.cpu = cpu;
        this.irq = irqContext;
    }

    // ---- common fields ----------------------------------------------------------------

    private static final String[] FLAGS = new String[2 * 2 * 3 * 16];

    /** The irqs-off, need-resched, hardirq/softirq, preempt-depth and migrate-disable column. */
    static String flags(boolean irqsOff, boolean needResched, int irqContext, int depth) {
        int i = (((irqsOff ? 1 : 0) * 2 + (needResched ? 1 : 0)) * 3 + irqContext) * 16 + depth;
        String s = FLAGS[i];
        if (s == null) {
            char[] c = {irqsOff ? 'd' : '.', needResched ? 'N' : '.',
                irqContext == HARDIRQ ? 'h' : irqContext == SOFTIRQ ? 's' : '.',
                depth == 0 ? '.' : Character.forDigit(depth, 16), '.'};
            s = FLAGS[i] = new String(c);
        }
        return s;
    }

    static int pid(Task t) {
        return t.threadPid.globalNr();
    }

    static int tgid(Task t) {
        Pid tg = t.signal.pids[PidType.PIDTYPE_TGID];
        return tg == null ? pid(t) : tg.globalNr();
    }

    private void emit(boolean irqsOff, int irqContext, int depth, Tp.Fields f) {
        Task cur = k.sched.rqs[cpu].curr;
        sink.event(new TraceEvent(k.now(), cpu, pid(cur), tgid(cur), cur.comm,
                flags(irqsOff, cur.needResched, irqContext, depth), f));
        sampleCounters();
    }

    private void emit(boolean irqsOff, int depth, Tp.Fields f) {
        emit(irqsOff, irq, depth, f);
    }

    /** nr_running of each CPU and the load average, as counter samples whenever they changed. */
    private void sampleCounters() {
        RunQueue[] rqs = k.sched.rqs;
        for (int i = 0; i < rqs.length; i++) {
            if (rqs[i].nrRunning != lastNrRunning[i]) {
                lastNrRunning[i] = rqs[i].nrRunning;
                counter(i, new Tp.Counter(Tp.CounterKind.NR_RUNNING, i, new long[] {lastNrRunning[i]}));
            }
        }
        boolean changed = false;
        for (int i = 0; i < 3; i++) {
            long v = k.sched.loadAvg.avenrun(i);
            if (v != lastLoad[i]) {
                lastLoad[i] = v;
                changed = true;
            }
        }
        if (changed) {
            counter(cpu, new Tp.Counter(Tp.CounterKind.LOADAVG, -1, lastLoad.clone()));
        }
    }

    private void counter(int onCpu, Tp.Counter c) {
        Task cur = k.sched.rqs[cpu].curr;
        sink.event(new TraceEvent(k.now(), onCpu, pid(cur), tgid(cur), cur.comm, flags(false, false, TASK, 0), c));
    }

    // ---- kernel/sched/core.c ----------------------------------------------------------

    /**
     * sched_switch, from __schedule() before context_switch(). {@code prevState} is prev's
     * __state when schedule() was entered; ksim never preempts a task inside the kernel (it
     * reschedules on the way back to user mode, as schedule() does there), so prev_state is
     * never "R+".
     */
    public void schedSwitch(RunQueue rq, Task prev, Task next, int prevState) {
        int index = TaskState.stateIndex(prevState, prev.exitState);
        long state = index == 0 ? 0 : 1L << (index - 1);
        emit(true, TASK, 2, new Tp.SchedSwitch(prev.comm, pid(prev), prev.prio, state, next.comm, pid(next), next.prio,
                tgid(prev), tgid(next)));
    }

    /** sched_waking: try_to_wake_up() found p in a state it wakes from; target_cpu is still p's old CPU. */
    public void schedWaking(Task p) {
        emit(true, 3, wakeup(Tp.WakeupKind.SCHED_WAKING, p));
    }

    /** sched_wakeup: ttwu_do_wakeup(), p is TASK_RUNNING on its (possibly new) CPU. */
    public void schedWakeup(Task p) {
        emit(true, 4, wakeup(Tp.WakeupKind.SCHED_WAKEUP, p));
    }

    /** sched_wakeup_new: wake_up_new_task(), after activate_task(). */
    public void schedWakeupNew(Task p) {
        emit(true, 2, wakeup(Tp.WakeupKind.SCHED_WAKEUP_NEW, p));
    }

    private static Tp.SchedWakeup wakeup(Tp.WakeupKind kind, Task p) {
        return new Tp.SchedWakeup(kind, p.comm, pid(p), p.prio, p.cpu, tgid(p));
    }

    /** sched_migrate_task: set_task_cpu() to another CPU (orig_cpu is p's CPU before the move). */
    public void schedMigrateTask(Task p, int destCpu) {
        emit(true, 3, new Tp.SchedMigrateTask(p.comm, pid(p), p.prio, p.cpu, destCpu));
    }

    // ---- kernel/fork.c, fs/exec.c, kernel/exit.c --------------------------------------

    /** task_newtask: the end of copy_process(); {@code cloneFlags} without the exit signal (kernel_clone_args.flags). */
    public void taskNewtask(Task p, long cloneFlags) {
        emit(false, 0, new Tp.TaskNewtask(pid(p), p.comm, cloneFlags & ~0xffL, (short) 0, tgid(p)));
    }

    /** sched_process_fork: kernel_clone() after copy_process(), before waking the child. */
    public void schedProcessFork(Task parent, Task child) {
        emit(false, 0, new Tp.SchedProcessFork(parent.comm, pid(parent), child.comm, pid(child), tgid(child)));
    }

    /** task_rename: __set_task_comm(), before the copy (the new name truncated to TASK_COMM_LEN - 1). */
    public void taskRename(Task p, String newComm) {
        String n = newComm.length() > 15 ? newComm.substring(0, 15) : newComm;
        emit(false, 0, new Tp.TaskRename(pid(p), p.comm, n, (short) 0));
    }

    /** sched_process_exec: exec_binprm() after the new image is loaded; {@code oldPid} is current's pid before de_thread(). */
    public void schedProcessExec(Task p, String filename, int oldPid) {
        emit(false, 0, new Tp.SchedProcessExec(filename, pid(p), oldPid));
    }

    /** sched_process_exit: do_exit(), after group_dead is known and before exit_mm(). */
    public void schedProcessExit(Task p, boolean groupDead) {
        emit(false, 0, new Tp.SchedProcessExit(p.comm, pid(p), p.prio, groupDead));
    }

    /** sched_process_wait: each do_wait() call; pid_nr() of the pid waited for, 0 for any. */
    public void schedProcessWait(Task current, Pid pid) {
        emit(false, 0, new Tp.SchedProcess("sched_process_wait", current.comm, pid == null ? 0 : pid.globalNr(),
                current.prio));
    }

    /** release_task() of {@code p}: one of the two put_task_struct_rcu_user() calls. */
    public void released(Task p) {
        putRcuUser(p);
    }

    /** finish_task_switch() of a TASK_DEAD prev: the other put_task_struct_rcu_user(). */
    public void deadSwitchedOut(Task prev) {
        putRcuUser(prev);
    }

    /**
     * sched_process_free: delayed_put_task_struct(), once both references are gone. Linux runs
     * it as an RCU callback, a grace period later, in softirq context; ksim emits it at once
     * (there is no RCU), with the softirq flags it has.
     */
    private void putRcuUser(Task p) {
        if (halfFreed.add(p)) {
            return;
        }
        halfFreed.remove(p);
        emit(false, SOFTIRQ, 1, new Tp.SchedProcess("sched_process_free", p.comm, pid(p), p.prio));
    }

    // ---- kernel/signal.c --------------------------------------------------------------

    /**
     * signal_generate: every end of __send_signal_locked(). {@code info} as Signals takes it
     * (SEND_SIG_NOINFO, SEND_SIG_PRIV or an si_code); the exit path holds tasklist_lock as well.
     */
    public void signalGenerate(int sig, int info, Task t, boolean group, int result) {
        Task cur = k.sched.rqs[cpu].curr;
        int depth = (cur.flags & ksim.kernel.task.TaskFlags.PF_EXITING) != 0 ? 2 : 1;
        // TP_STORE_SIGINFO(): errno 0, and the code the info stands for
        emit(true, depth, new Tp.SignalGenerate(sig, 0, Signals.siCode(info), t.comm, pid(t), group ? 1 : 0, result));
    }

    /**
     * signal_generate at the end of __send_signal_locked() once the signal is pending:
     * delivered, or LOSE_INFO when it got no sigqueue (SIGKILL never asks for one).
     */
    public void signalQueued(int sig, int info, Task t, boolean group, boolean gotSigqueue) {
        signalGenerate(sig, info, t, group, gotSigqueue || sig == Signal.SIGKILL ? Tp.TRACE_SIGNAL_DELIVERED
                : Tp.TRACE_SIGNAL_LOSE_INFO);
    }

    /** signal_deliver: get_signal() took {@code sig} (its info's si_code {@code code}) for current. */
    public void signalDeliver(Task current, int sig, int code) {
        int handler = current.sighand.handler(sig - 1);
        long saFlags = current.sighand.flags(sig - 1);
        long address = handler == SigHand.SIG_CATCH ? CATCH_HANDLER : handler;
        if (handler != SigAction.SIG_DFL || saFlags != 0) {
            saFlags |= SigAction.SA_RESTORER; // glibc's sigaction() always sets it
        }
        emit(true, 1, new Tp.SignalDeliver(sig, 0, code, address, saFlags));
    }
}
