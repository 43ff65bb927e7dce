package ksim.kernel;

import ksim.abi.Clone;
import ksim.abi.Signal;
import ksim.kernel.fork.Execve;
import ksim.kernel.fork.Fork;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.sched.Scheduler;
import ksim.kernel.signal.SigHand;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.Program;
import ksim.kernel.task.Rlimits;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.time.Event;
import ksim.kernel.time.EventQueue;
import ksim.kernel.util.ListHead;

/**
 * One simulated machine: N CPUs, a nanosecond clock, and the event queue that drives them.
 *
 * <p>Everything happens on the caller's Java thread, one event at a time in (time, seq)
 * order, so a run is a pure function of its configuration and seed. {@link #boot} creates
 * what start_kernel() and rest_init() leave behind (one idle task per CPU, init as PID 1),
 * and {@link #run} advances time until nothing is left to happen.
 */
public final class Kernel {
    public final KernelConfig config;
    public final CostModel costs;
    public final EventQueue events = new EventQueue();
    /** The machine's jitter source (timer skew): seeded by the scenario, so runs still repeat exactly. */
    public final java.util.SplittableRandom random;
    public final Scheduler sched;
    public final Entry entry;
    public final PidNamespace initPidNs;
    /** init_task.tasks: every thread-group leader, in creation order. */
    public final ListHead<Task> initTasks = ListHead.head();
    /** init_mm: the mm idle tasks borrow. */
    public final MmStruct initMm = new MmStruct(null, new String[0]);

    public int nrThreads;
    public int nrProcesses;
    public long totalForks;
    public int lastPid;
    /** max_threads (kernel/fork.c): the threads-max sysctl, {@link KernelConfig#maxThreads} at boot. */
    public int maxThreads;

    /** kthreadd (PID 2) and kthread_create_list, the requests it serves. */
    public Task kthreadd;
    public final java.util.ArrayDeque<ksim.kernel.kthread.Kthread.CreateInfo> kthreadCreateList = new java.util.ArrayDeque<>();
    /** Threads that exist once boot is done (init and the kernel threads): the count a finished scenario returns to. */
    public int bootThreads;

    /** Tasks per real uid, for RLIMIT_NPROC. */
    public final UserCounts userProcesses = new UserCounts();
    /** Queued sigqueues per real uid, for RLIMIT_SIGPENDING (UCOUNT_RLIMIT_SIGPENDING). */
    public final UserCounts userSigpending = new UserCounts();

    private long now;
    private int nsSerial;
    private Task init;
    /** The kernel log: printk() lines with their time, as dmesg shows them. */
    public final java.util.List<String> log = new java.util.ArrayList<>();

    /** printk(): a kernel log line stamped with the time since boot, "[    5.000000] text". */
    public void printk(String text) {
        log.add(String.format("[%5d.%06d] %s", now / 1_000_000_000L, now % 1_000_000_000L / 1000, text));
    }

    /** The tracepoints, while the kernel is traced; null (the default) means tracing is off. */
    public ksim.kernel.trace.Tracepoints trace;

    /** Called after every event when set (the invariant checker in tests). */
    public Runnable afterEvent;

    public Kernel(KernelConfig config) {
        String bad = config.validate();
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        this.config = config;
        this.costs = config.costs;
        this.maxThreads = config.maxThreads;
        this.random = new java.util.SplittableRandom(config.seed);
        this.initPidNs = new PidNamespace(null, nsSerial++);
        this.entry = new Entry(this);
        this.sched = new Scheduler(this, config.cpus);
        Pid idlePid = idlePid();
        for (int cpu = 0; cpu < config.cpus; cpu++) {
            sched.initIdle(idleTask(cpu, idlePid), cpu);
        }
    }

    public long now() {
        return now;
    }

    /** init_struct_pid: PID 0 of the initial namespace, used by the idle tasks and never allocated. */
    private Pid idlePid() {
        return Pids.initStructPid(initPidNs);
    }

    /** init_task / fork_idle(): swapper/N, PF_IDLE | PF_KTHREAD, no mm, borrowing init_mm. */
    private Task idleTask(int cpu, Pid pid) {
        Task t = new Task();
        t.comm = "swapper/" + cpu;
        t.flags = TaskFlags.PF_IDLE | TaskFlags.PF_KTHREAD;
        t.threadPid = pid;
        t.signal = new SignalStruct();
        t.signal.rlim = Rlimits.initial(maxThreads);
        t.signal.threadHead.addTail(t.threadNode);
        t.signal.pids[PidType.PIDTYPE_TGID] = pid;
        t.signal.pids[PidType.PIDTYPE_PGID] = pid;
        t.signal.pids[PidType.PIDTYPE_SID] = pid;
        t.sighand = new SigHand();
        t.activeMm = initMm;
        initMm.grab();
        t.realParent = t;
        t.parent = t;
        t.pidNsForChildren = initPidNs;
        t.prio = t.staticPrio = t.normalPrio = 120;
        return t;
    }

    /** The idle task of a CPU. */
    public Task idle(int cpu) {
        return sched.rqs[cpu].idle;
    }

    /** init (PID 1), once booted. */
    public Task init() {
        return init;
    }

    /**
     * rest_init(): PID 1 is forked from CPU 0's idle task and execs {@code initProgram}.
     * Returns init.
     */
    public Task boot(Program initProgram) {
        init = Fork.userModeThread(this, idle(0), initProgram);
        // kernel_init() then execs /sbin/init: a user task with an mm of its own
        init.flags &= ~(TaskFlags.PF_FORKNOEXEC | TaskFlags.PF_KTHREAD);
        init.flags |= TaskFlags.PF_RANDOMIZE;
        init.mm = new MmStruct(null, new String[] {"init"});
        init.activeMm = init.mm;
        Execve.setTaskComm(init, "init");
        init.cpusAllowed = null; // kernel_init_freeable(): init may run on every CPU
        ksim.kernel.kthread.KernelThreads.startKthreadd(this);
        ksim.kernel.kthread.KernelThreads.createBootThreads(this);
        for (String module : config.modules) {
            ksim.kernel.kthread.Modules.load(this, module);
        }
        bootThreads = nrThreads;
        sched.wakeUpNewTask(init);
        return init;
    }

    /** create_pid_namespace(). */
    public PidNamespace createPidNamespace(PidNamespace parent) {
        return new PidNamespace(parent, nsSerial++);
    }

    /**
     * Runs events until only deferrable ones are left, the next one is later than
     * {@code until}, or the machine is {@link #stop stopped}; returns whether the machine still
     * has something to do.
     */
    public boolean run(long until) {
        runWithin(until);
        if (stopReason == null && until != Long.MAX_VALUE && now < runUntil) {
            now = runUntil;
        }
        return events.hasForeground();
    }

    /**
     * Runs until nothing is left to happen, as {@link #run()}, but no event later than
     * {@code limit} (a bound on simulated time) and not once the machine is {@link #stop stopped};
     * the clock stays at the last event. Returns whether the machine still has something to do.
     */
    public boolean runWithin(long limit) {
        limit = Math.min(limit, END_OF_TIME);
        runUntil = limit;
        while (stopReason == null && events.hasForeground() && events.peekTime() <= limit) {
            Event e = events.poll();
            now = e.expires();
            e.fire();
            if (afterEvent != null) {
                afterEvent.run();
            }
            if (--untilWatch == 0) {
                watch();
            }
        }
        return events.hasForeground();
    }

    /**
     * Where the simulated clock ends: 2^62 ns, about 146 years after boot. No run goes past it,
     * so the kernel's own sums (the next tick, a slice's end) never overflow, and a timer set to
     * KTIME_MAX (a sleep of ~292 years, saturated) never fires, as on Linux.
     */
    public static final long END_OF_TIME = 1L << 62;

    /** The bound of the current {@link #run(long)}: time never moves past it. */
    private long runUntil = Long.MAX_VALUE;

    /**
     * Moves the clock to {@code t} when nothing else is due until then (every queued event is
     * later, and {@code t} is within this run): a CPU can then finish a burst at once instead of
     * arming an event for its end. Nothing can tell the difference — no event could have run in
     * between — and the simulation skips a trip through the event queue.
     */
    public boolean tryAdvance(long t) {
        if (t > runUntil || (!events.isEmpty() && events.peekTime() <= t)) {
            return false;
        }
        now = t;
        return true;
    }

    /** How many events and user requests between two looks of the {@link #watchdog}. */
    public static final int WATCH_PERIOD = 1 << 16;
    private int untilWatch = WATCH_PERIOD;

    /**
     * Looks at the run every {@link #WATCH_PERIOD} events and user requests, when set: a
     * wall-clock limit, a progress report. It may {@link #stop} the machine. Counting is all the
     * run pays for it in between (no clock is read per event).
     */
    public Runnable watchdog;

    /** Why the machine was stopped before its end, or null. */
    private String stopReason;

    /**
     * Stops the machine where it is: the current {@link #run(long)} returns after the event in
     * progress, and no CPU takes another step (a limit was reached, or a program found an error).
     */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Why the machine was {@link #stop stopped}, or null while it may go on. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * One more user request is about to be made: every {@link #WATCH_PERIOD} events and requests
     * the watchdog looks at the run (a program that makes requests without simulated time
     * passing still meets it). False once the machine is stopped.
     */
    boolean proceed() {
        return --untilWatch != 0 || watch(); // only the watchdog stops a machine between requests
    }

    /** The watchdog's look; false when it stopped the machine. */
    private boolean watch() {
        untilWatch = WATCH_PERIOD;
        if (watchdog != null) {
            watchdog.run();
        }
        return stopReason == null;
    }

    /** Runs until nothing is left to happen. */
    public void run() {
        runWithin(Long.MAX_VALUE);
    }

    /** Clone flags fork() uses: exit signal SIGCHLD. */
    public static final long FORK_FLAGS = Signal.SIGCHLD;
    /** What init uses to start a container-like first task: a new PID namespace. */
    public static final long NEWPID_FORK_FLAGS = Clone.CLONE_NEWPID | Signal.SIGCHLD;
}
