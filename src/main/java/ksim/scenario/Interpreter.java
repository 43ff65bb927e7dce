package ksim.scenario;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.Errno;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.exit.Wait;
import ksim.kernel.fork.Clone;
import ksim.kernel.fork.CloneFlags;
import ksim.kernel.fork.Execve;
import ksim.kernel.fs.PipeCalls;
import ksim.kernel.proc.ProcPidStat;
import ksim.kernel.sched.SchedCalls;
import ksim.kernel.signal.Signal;
import ksim.kernel.signal.SignalCalls;
import ksim.kernel.signal.Signals;
import ksim.kernel.sys.Nanosleep;
import ksim.kernel.sys.Pause;
import ksim.kernel.sys.Prctl;
import ksim.kernel.sys.Rlimit;
import ksim.kernel.sys.Setuid;
import ksim.kernel.sys.Unshare;
import ksim.kernel.sys.Sys;
import ksim.kernel.task.Program;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;
import ksim.scenario.Ast.*;

/**
 * Runs a scenario block as a task's user program. The "registers" are a stack of frames
 * (block, program counter, repeat iterations left); the "memory" is the task's
 * {@link ScenarioMemory}, reached through its mm. Each statement becomes one request to
 * the kernel, and its trace line is printed when the result comes back to user mode,
 * exactly where a C program would print it.
 */
final class Interpreter implements Program {
    /** How a frame ends when it runs off its end. */
    private enum End { CONTINUE, EXIT_GROUP, THREAD_EXIT }

    private static final class Frame {
        final List<Stmt> stmts;
        int pc;
        long itersLeft;
        final End end;

        Frame(List<Stmt> stmts, long itersLeft, End end) {
            this.stmts = stmts;
            this.itersLeft = itersLeft;
            this.end = end;
        }

        Frame copy() {
            Frame f = new Frame(stmts, itersLeft, end);
            f.pc = pc;
            return f;
        }
    }

    /** The flags glibc's pthread_create() passes to clone(), as the spec's {@code thread} says. */
    static final long THREAD_FLAGS = CloneFlags.CLONE_VM | CloneFlags.CLONE_FS | CloneFlags.CLONE_FILES
            | CloneFlags.CLONE_SIGHAND | CloneFlags.CLONE_THREAD | CloneFlags.CLONE_SYSVSEM | CloneFlags.CLONE_SETTLS
            | CloneFlags.CLONE_PARENT_SETTID | CloneFlags.CLONE_CHILD_CLEARTID;

    private final RunContext ctx;
    /** The task's name in the trace. */
    private String name;
    private final ArrayList<Frame> frames;
    /** Requests made before the scenario's first statement (main's setsid and exec); no trace. Null for other tasks. */
    private ArrayList<UserOp> prologue;
    /** The statement whose request is in the kernel, and that request. */
    private Stmt pendingStmt;
    private UserOp pendingOp;
    /** The name a spawn in flight gives its child (NAME or NAME.k). */
    private String pendingChild;
    /** main's exec of itself, after which main's name is registered. */
    private Execve mainExec;
    /** The exec that started this program: its trace line is printed when it returns here. */
    private Execve startedBy;
    private String startedByText;

    private Interpreter(RunContext ctx, String name, ArrayList<Frame> frames) {
        this.ctx = ctx;
        this.name = name;
        this.frames = frames;
    }

    /**
     * main: what {@code unshare --pid --fork --mount-proc} does in its child before the program
     * runs (mount /proc for the new namespace, which takes CAP_SYS_ADMIN and so marks main
     * PF_SUPERPRIV, kept across exec), setsid(), then exec "main" (comm and command line
     * "main"), then the block.
     */
    static Interpreter forMain(RunContext ctx, Block main) {
        ArrayList<Frame> frames = new ArrayList<>();
        frames.add(new Frame(main.stmts(), 0, End.EXIT_GROUP));
        Interpreter in = new Interpreter(ctx, "main", frames);
        in.prologue = new ArrayList<>(3);
        in.prologue.add(Sys.of("mount", (k, t) -> t.capable() ? 0 : Errno.EPERM.ret()));
        in.prologue.add(Sys.setsid());
        ScenarioMemory mem = new ScenarioMemory(ctx.slots);
        mem.bind("main", 1);
        in.mainExec = new Execve("main", new String[] {"main"}, in, mem);
        in.prologue.add(in.mainExec);
        return in;
    }

    private static ScenarioMemory mem(Task t) {
        return (ScenarioMemory) t.mm.memory;
    }

    @Override
    public Program copyForChild() {
        ArrayList<Frame> copy = new ArrayList<>(frames.size() + 1);
        for (Frame f : frames) {
            copy.add(f.copy());
        }
        Interpreter child = new Interpreter(ctx, name, copy);
        child.pendingStmt = pendingStmt;
        child.pendingOp = pendingOp;
        child.pendingChild = pendingChild;
        return child;
    }

    @Override
    public UserOp next(Task t) {
        if (prologue != null && !prologue.isEmpty()) {
            return prologue.remove(0);
        }
        for (;;) {
            Frame f = frames.get(frames.size() - 1);
            if (f.pc >= f.stmts.size()) {
                if (f.itersLeft > 0) {
                    f.itersLeft--;
                    f.pc = 0;
                    continue;
                }
                if (f.end != End.CONTINUE) {
                    // falling off a task's block: exit(0) or thread_exit(0), printing nothing
                    return f.end == End.THREAD_EXIT ? ExitGroup.exitThread(0) : ExitGroup.exitGroup(0);
                }
                frames.remove(frames.size() - 1);
                continue;
            }
            Stmt s = f.stmts.get(f.pc++);
            UserOp op;
            try {
                op = issue(t, s);
            } catch (Unbound u) {
                ctx.error(u.name.pos(), "no task named '" + u.name.name() + "' has been created yet");
                return null;
            }
            if (op != null) {
                pendingStmt = s;
                pendingOp = op;
                return op;
            }
        }
    }

    /** The request for statement {@code s}, or null when it needs none (repeat). */
    private UserOp issue(Task t, Stmt s) {
        switch (s) {
            case Repeat r -> {
                if (r.count() > 0 && !issuesNothing(r.body())) {
                    frames.add(new Frame(r.body().stmts(), r.count() - 1, End.CONTINUE));
                }
                return null;
            }
            case Spawn sp -> {
                pendingChild = sp.inRepeat() ? sp.name() + "." + mem(t).nextSpawnCount(sp.id()) : sp.name();
                return new Clone(switch (sp.kind()) {
                    case FORK -> Signal.SIGCHLD;
                    case VFORK -> CloneFlags.CLONE_VM | CloneFlags.CLONE_VFORK | Signal.SIGCHLD;
                    case THREAD -> THREAD_FLAGS;
                    case CLONE -> value(t, sp.flags());
                });
            }
            case Exec e -> {
                ArrayList<Frame> image = new ArrayList<>();
                image.add(new Frame(e.body().stmts(), 0, End.EXIT_GROUP));
                Interpreter next = new Interpreter(ctx, name, image);
                Execve exec = new Execve(e.name(), new String[] {e.name()}, next, mem(t).copy());
                next.startedBy = exec;
                next.startedByText = "exec " + e.name();
                return exec;
            }
            case Expect x -> {
                return callOp(t, x.call());
            }
            case Call c -> {
                return callOp(t, c);
            }
        }
    }

    /**
     * Whether running the block makes no request at all (it holds only repeats of such blocks):
     * then its repeat is skipped, as a C compiler drops an empty loop, instead of counting a
     * {@code repeat 100000000000 { }} down here, in one call of next(), without end.
     */
    private static boolean issuesNothing(Block b) {
        for (Stmt s : b.stmts()) {
            if (!(s instanceof Repeat r) || r.count() > 0 && !issuesNothing(r.body())) {
                return false;
            }
        }
        return true;
    }

    private long value(Task t, Arg a) {
        return switch (a) {
            case IntArg i -> i.value();
            case SymbolArg s -> s.value();
            case DurationArg d -> d.ns();
            case NameArg n -> n.negated() ? -resolve(t, n) : resolve(t, n);
            case SetArg set -> 0;
        };
    }

    /**
     * A name's value: what the task's memory binds it to (fork and pipe bind names there,
     * so a child sees the values its parent had when it forked), or, for a task this task
     * never learnt about, that task's PID from the scenario's shared registry. A name no task
     * has had yet is a scenario error ({@link Unbound}), never a PID such as 0.
     */
    private long resolve(Task t, NameArg n) {
        long v = mem(t).get(n.name());
        if (v != ScenarioMemory.UNBOUND) {
            return v;
        }
        long pid = ctx.names.pidOf(n.name(), t.activePidNs());
        if (pid == NameRegistry.NONE) {
            throw new Unbound(n);
        }
        return pid;
    }

    /** A statement names a task that does not exist yet: the scenario cannot go on (next() stops the run). */
    private static final class Unbound extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient NameArg name;

        Unbound(NameArg name) {
            super(null, null, false, false);
            this.name = name;
        }
    }

    /** The statement this task's request in flight belongs to (null between statements): where it is blocked. */
    Stmt pendingStatement() {
        return pendingStmt;
    }

    /** SIG_DFL, SIG_IGN, or catch: a handler that prints "caught SIG". */
    private static int handler(Arg a) {
        return a instanceof NameArg ? Signal.SIG_CATCH : (int) ((SymbolArg) a).value();
    }

    /** glibc's own signals, SIGCANCEL (32) and SIGSETXID (33): its wrappers keep them from the program. */
    private static boolean glibcInternal(long sig) {
        return sig == 32 || sig == 33;
    }

    /**
     * signal() and sigaction() on one of glibc's own signals: glibc fails with EINVAL before
     * any system call; ksim lets the call fail at once without touching the kernel's state.
     */
    private static Syscall refusedByGlibc(String name) {
        return Sys.of(name, (k, t) -> Errno.EINVAL.ret());
    }

    /**
     * A set of signals as a mask, bit (sig - 1); numbers outside 1..64 are left out, as
     * sigaddset() refuses them, and so are glibc's own 32 and 33, which its sigprocmask() drops.
     */
    private long signalSet(Task t, SetArg set) {
        long mask = 0;
        for (Arg a : set.elements()) {
            long sig = value(t, a);
            if (sig >= 1 && sig <= Signal._NSIG && !glibcInternal(sig)) {
                mask |= 1L << (sig - 1);
            }
        }
        return mask;
    }

    @Override
    public void signalDelivered(Task t, int sig) {
        emit(t, "caught " + Signal.name(sig), null);
    }

    /** A pipe end's descriptor, as this task's memory holds it; -1 (EBADF) where it never created that pipe. */
    private static int fd(Task t, String end) {
        long v = mem(t).get(end);
        return v == ScenarioMemory.UNBOUND ? -1 : (int) v;
    }

    private int intArg(Task t, Call c, int i) {
        return (int) value(t, c.args().get(i));
    }

    private UserOp callOp(Task t, Call c) {
        switch (c.fn()) {
            case "exit" -> {
                emit(t, c.text(), null);
                return ExitGroup.exitGroup(intArg(t, c, 0));
            }
            case "thread_exit" -> {
                emit(t, c.text(), null);
                return ExitGroup.exitThread(intArg(t, c, 0));
            }
            case "wait" -> {
                return new Wait.Wait4(-1, 0);
            }
            case "waitpid" -> {
                return new Wait.Wait4(intArg(t, c, 0), intArg(t, c, 1));
            }
            case "waitid" -> {
                return new Wait.Waitid(intArg(t, c, 0), intArg(t, c, 1), intArg(t, c, 2));
            }
            case "getpid" -> {
                return Sys.getpid();
            }
            case "gettid" -> {
                return Sys.gettid();
            }
            case "getppid" -> {
                return Sys.getppid();
            }
            case "getpgrp" -> {
                return Sys.getpgid(0);
            }
            case "getpgid" -> {
                return Sys.getpgid(intArg(t, c, 0));
            }
            case "getsid" -> {
                return Sys.getsid(intArg(t, c, 0));
            }
            case "setsid" -> {
                return Sys.setsid();
            }
            case "setpgid" -> {
                return Sys.setpgid(intArg(t, c, 0), intArg(t, c, 1));
            }
            case "prctl" -> {
                Arg a = c.args().get(1);
                return new Prctl(intArg(t, c, 0), a instanceof NameArg n ? 0 : value(t, a),
                        a instanceof NameArg n ? n.name() : null);
            }
            case "setuid" -> {
                return new Setuid(intArg(t, c, 0));
            }
            case "getrlimit" -> {
                return Rlimit.get(intArg(t, c, 0));
            }
            case "setrlimit" -> {
                return Rlimit.set(intArg(t, c, 0), value(t, c.args().get(1)), value(t, c.args().get(2)));
            }
            case "pipe" -> {
                return new PipeCalls.PipeCreate();
            }
            case "write" -> {
                long n = value(t, c.args().get(1));
                return new PipeCalls.Write(fd(t, ((NameArg) c.args().get(0)).name() + ".w"), UserBuffer.address(n), n);
            }
            case "read" -> {
                long n = value(t, c.args().get(1));
                return new PipeCalls.Read(fd(t, ((NameArg) c.args().get(0)).name() + ".r"), UserBuffer.address(n), n);
            }
            case "close" -> {
                return PipeCalls.close(fd(t, ((NameArg) c.args().get(0)).name()));
            }
            case "unshare" -> {
                return new Unshare(value(t, c.args().get(0)));
            }
            case "pause" -> {
                return new Pause();
            }
            case "signal" -> { // glibc's signal(): BSD semantics, SA_RESTART
                if (glibcInternal(intArg(t, c, 0))) {
                    return refusedByGlibc("rt_sigaction");
                }
                return SignalCalls.sigaction(intArg(t, c, 0), handler(c.args().get(1)), Signals.SA_RESTART);
            }
            case "sigaction" -> {
                if (glibcInternal(intArg(t, c, 0))) {
                    return refusedByGlibc("rt_sigaction");
                }
                return SignalCalls.sigaction(intArg(t, c, 0), handler(c.args().get(1)), value(t, c.args().get(2)));
            }
            case "sigprocmask" -> {
                return SignalCalls.sigprocmask(intArg(t, c, 0), signalSet(t, (SetArg) c.args().get(1)));
            }
            case "kill" -> {
                return SignalCalls.kill(intArg(t, c, 0), intArg(t, c, 1));
            }
            case "tgkill" -> {
                return SignalCalls.tgkill(intArg(t, c, 0), intArg(t, c, 1), intArg(t, c, 2));
            }
            case "nice" -> {
                return SchedCalls.nice(intArg(t, c, 0));
            }
            case "setpriority" -> {
                return SchedCalls.setpriority(intArg(t, c, 0), intArg(t, c, 1), intArg(t, c, 2));
            }
            case "getpriority" -> { // glibc turns the kernel's 20 - nice back into nice
                return SchedCalls.getpriority(intArg(t, c, 0), intArg(t, c, 1));
            }
            case "sched_setscheduler" -> {
                return SchedCalls.setscheduler(intArg(t, c, 0), intArg(t, c, 1), intArg(t, c, 2));
            }
            case "sched_getscheduler" -> {
                return SchedCalls.getscheduler(intArg(t, c, 0));
            }
            case "sched_getaffinity" -> {
                return SchedCalls.getaffinity(intArg(t, c, 0));
            }
            case "sched_setaffinity" -> {
                java.util.BitSet cpus = new java.util.BitSet();
                for (Arg a : ((SetArg) c.args().get(1)).elements()) {
                    long cpu = value(t, a);
                    if (cpu >= 0 && cpu < 4096) {
                        cpus.set((int) cpu);
                    }
                }
                return SchedCalls.setaffinity(intArg(t, c, 0), cpus);
            }
            case "sched_yield" -> {
                return SchedCalls.yield();
            }
            case "raise" -> { // glibc: tgkill(getpid(), gettid(), sig)
                return SignalCalls.tgkill(t.tgidVnr(), t.pidVnr(), intArg(t, c, 0));
            }
            case "sleep" -> {
                return new Nanosleep(value(t, c.args().get(0)));
            }
            case "spin" -> {
                return new Spin(value(t, c.args().get(0)));
            }
            case "state", "ppid", "comm", "cputime" -> {
                return new ProcPidStat(intArg(t, c, 0));
            }
            default -> {
                return Sys.ni(c.fn());
            }
        }
    }

    @Override
    public void complete(Task t, UserOp op, long ret) {
        if (op != pendingOp) {
            // a prologue request, or the exec that started this program
            if (op == mainExec && ret == 0) {
                mem(t).bind("main", t.tgidVnr());
                t.label = "main";
                ctx.names.register(t, "main", "main");
                ctx.main = t;
                ctx.mainStartNs = ctx.kernel.now();
            } else if (op == startedBy && ret == 0) {
                emit(t, startedByText, null);
            }
            return;
        }
        Stmt s = pendingStmt;
        pendingStmt = null;
        pendingOp = null;
        if (s instanceof Spawn sp) {
            completeSpawn(t, sp, op, ret);
            return;
        }
        if (s instanceof Exec e) { // only a failed exec returns to the old program
            emit(t, "exec " + e.name(), errno(ret));
            return;
        }
        Call call = s instanceof Expect x ? x.call() : (Call) s;
        if (op instanceof PipeCalls.PipeCreate pc && ret == 0) {
            String pipe = ((NameArg) call.args().get(0)).name();
            mem(t).bind(pipe + ".r", pc.fds[0]);
            mem(t).bind(pipe + ".w", pc.fds[1]);
        }
        String result = format(t, call, op, ret);
        emit(t, call.text(), result);
        if (s instanceof Expect x) {
            ctx.reached.add(x);
        }
        if (s instanceof Expect x && !(x.approx() != null ? x.approx().accepts(result) : x.expected().equals(result))) {
            ctx.failures.add(ctx.file + ":" + x.pos().line() + ":" + x.pos().col() + ": expect failed: "
                    + call.text() + " = " + result + ", expected " + (x.approx() != null ? x.approx() : x.expected()));
        }
    }

    private void completeSpawn(Task t, Spawn sp, UserOp op, long ret) {
        String child = pendingChild;
        pendingChild = null;
        if (ret == 0 && op instanceof Clone) {
            // the child, returning from clone() with 0: it runs the block and then exits
            name = child;
            t.label = child;
            long self = t.pidVnr();
            mem(t).bind(sp.name(), self);
            mem(t).bind(child, self);
            ctx.names.register(t, child, sp.name());
            frames.add(new Frame(sp.body().stmts(), 0,
                    sp.kind() == SpawnKind.THREAD ? End.THREAD_EXIT : End.EXIT_GROUP));
            return;
        }
        if (ret < 0) {
            emit(t, sp.text(), errno(ret));
            return;
        }
        if (op instanceof Clone c && c.child != null) {
            ctx.names.register(c.child, child, sp.name());
        }
        mem(t).bind(sp.name(), ret);
        mem(t).bind(child, ret);
        emit(t, sp.text(), child);
    }

    private String format(Task t, Call call, UserOp op, long ret) {
        if (ret < 0) {
            return errno(ret);
        }
        Calls.Result kind = Calls.spec(call.fn()).result();
        return switch (kind) {
            case PID -> op instanceof ProcPidStat p ? pid(t, p.stat.ppid()) : pid(t, ret);
            case WAIT -> ret == 0 ? "0" : pid(t, ret) + " " + waitStatus(((Wait.Wait4) op).status);
            case WAITID -> waitidResult(t, ((Wait.Waitid) op).wo);
            case ZERO -> "0";
            case POLICY -> SchedCalls.policyName(ret);
            case CPUSET -> SchedCalls.GetAffinity.format(((SchedCalls.GetAffinity) op).mask);
            case RLIMIT -> limit(((Rlimit) op).outSoft) + " " + limit(((Rlimit) op).outHard);
            case STATE -> String.valueOf(((ProcPidStat) op).stat.state());
            case COMM -> ((ProcPidStat) op).stat.comm();
            case CPUTIME -> {
                ProcPidStat.Stat st = ((ProcPidStat) op).stat;
                yield (st.utimeTicks() + st.stimeTicks()) * 1000 / ksim.kernel.sched.Cputime.USER_HZ + " ms";
            }
            default -> op instanceof SchedCalls.Nice n ? Integer.toString(n.value)
                    : call.fn().equals("getpriority") ? Long.toString(20 - ret)
                    : op instanceof Prctl p && p.text != null ? p.text
                    : op instanceof Prctl p && p.answersNumber() ? Long.toString(p.value) : Long.toString(ret);
        };
    }

    private static String limit(long v) {
        return v == -1 ? "unlimited" : Long.toUnsignedString(v);
    }

    private String pid(Task t, long nr) {
        return ctx.names.format(t.activePidNs(), nr);
    }

    private static String errno(long ret) {
        Errno e = Errno.of(ret);
        return "-1 " + (e == null ? Long.toString(-ret) : e.name());
    }

    /** The spec's STATUS for a wait status word. */
    static String waitStatus(int status) {
        if ((status & 0x7f) == 0) {
            return "exited(" + ((status >> 8) & 0xff) + ")";
        }
        if ((status & 0xff) == 0x7f) {
            return "stopped(" + Signal.name((status >> 8) & 0xff) + ")";
        }
        if (status == 0xffff) {
            return "continued";
        }
        return "killed(" + Signal.name(status & 0x7f) + ")" + ((status & 0x80) != 0 ? " core" : "");
    }

    private String waitidResult(Task t, Wait.WaitOpts wo) {
        if (wo == null || wo.infoPid == 0) {
            return "0 {}";
        }
        String code = switch (wo.infoCode) {
            case Wait.CLD_EXITED -> "CLD_EXITED";
            case Wait.CLD_KILLED -> "CLD_KILLED";
            case Wait.CLD_DUMPED -> "CLD_DUMPED";
            case Wait.CLD_STOPPED -> "CLD_STOPPED";
            case Wait.CLD_CONTINUED -> "CLD_CONTINUED";
            default -> Integer.toString(wo.infoCode);
        };
        String st = wo.infoCode == Wait.CLD_EXITED ? Integer.toString(wo.infoStatus) : Signal.name(wo.infoStatus);
        return "0 {" + pid(t, wo.infoPid) + " " + code + " " + st + "}";
    }

    private void emit(Task t, String text, String result) {
        ctx.trace.accept(result == null ? "[" + name + "] " + text : "[" + name + "] " + text + " = " + result);
    }
}
