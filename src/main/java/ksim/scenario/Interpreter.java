package ksim.scenario;

import static ksim.abi.Clone.*;

import java.util.ArrayList;
import java.util.List;
import ksim.abi.Errno;
import ksim.abi.Signal;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.fork.Clone;
import ksim.kernel.fork.Execve;
import ksim.kernel.pid.Pids;
import ksim.kernel.signal.SigHand;
import ksim.kernel.sys.Sys;
import ksim.kernel.task.Program;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;
import ksim.kernel.task.UserPtr;
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
    static final long THREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES
            | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS
            | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;

    private final RunContext ctx;
    /** The task's name in the trace. */
    private String name;
    private final ArrayList<Frame> frames;
    /** Requests made before the scenario's first statement (main's setsid and exec); no trace. Null for other tasks. */
    private ArrayList<UserOp> prologue;
    /** The statement whose request is in the kernel, and that request. */
    private Stmt pendingStmt;
    private UserOp pendingOp;
    /** How the call in flight completes (null for other statements). */
    private Completion pendingCall;
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
        child.pendingCall = pendingCall;
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
                    case VFORK -> CLONE_VM | CLONE_VFORK | Signal.SIGCHLD;
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
        return a instanceof NameArg ? SigHand.SIG_CATCH : (int) ((SymbolArg) a).value();
    }

    /**
     * A set of signals as a mask, bit (sig - 1); numbers outside 1..64 are left out, as
     * sigaddset() refuses them, and so are glibc's own 32 and 33, which its sigprocmask() drops.
     */
    private long signalSet(Task t, SetArg set) {
        long mask = 0;
        for (Arg a : set.elements()) {
            long sig = value(t, a);
            if (sig >= 1 && sig <= Signal._NSIG && !TraceFormat.glibcInternal(sig)) {
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

    /** A call statement's request, from its row of the {@link CallTable}. */
    private UserOp callOp(Task t, Call c) {
        return enter(t, c, CallTable.get(c.fn()));
    }

    /**
     * Enters the kernel as {@code row} says, with a fresh user-memory location for what the call
     * copies out; what its line prints (and what it binds) is settled when it returns.
     */
    private <O> UserOp enter(Task t, Call c, CallTable.Row<O> row) {
        CallArgs a = new CallArgs(t, c);
        UserPtr<O> out = new UserPtr<>();
        UserOp op = row.enter().enter(a, out);
        if (row.print() == null) { // exit: the line prints as the call is made, the task does not come back
            emit(t, c.text(), null);
            pendingCall = null;
        } else {
            pendingCall = ret -> {
                if (ret < 0) {
                    return TraceFormat.errno(ret);
                }
                if (row.done() != null) {
                    row.done().done(a, ret, out.get());
                }
                return row.print().print(a, ret, out.get());
            };
        }
        return op;
    }

    /** What the call in flight prints when it returns (its RESULT), binding what it binds. */
    @FunctionalInterface
    private interface Completion {
        String complete(long ret);
    }

    /** A call statement's arguments as this task resolves them, and its names for printing PIDs. */
    private final class CallArgs implements CallTable.Args, CallTable.Names {
        private final Task t;
        private final List<Arg> args;

        CallArgs(Task t, Call c) {
            this.t = t;
            this.args = c.args();
        }

        @Override
        public long value(int n) {
            return Interpreter.this.value(t, args.get(n));
        }

        @Override
        public long signals(int n) {
            return signalSet(t, (SetArg) args.get(n));
        }

        @Override
        public java.util.BitSet cpus(int n) {
            java.util.BitSet cpus = new java.util.BitSet();
            for (Arg a : ((SetArg) args.get(n)).elements()) {
                long cpu = Interpreter.this.value(t, a);
                if (cpu >= 0 && cpu < 4096) {
                    cpus.set((int) cpu);
                }
            }
            return cpus;
        }

        @Override
        public int handler(int n) {
            return Interpreter.handler(args.get(n));
        }

        @Override
        public String word(int n) {
            return args.get(n) instanceof NameArg na ? na.name() : null;
        }

        @Override
        public String name(int n) {
            return ((NameArg) args.get(n)).name();
        }

        @Override
        public int fd(String pipeEnd) {
            return Interpreter.fd(t, pipeEnd);
        }

        @Override
        public int tgid() {
            return t.tgidVnr();
        }

        @Override
        public int tid() {
            return t.pidVnr();
        }

        @Override
        public void bind(String name, long value) {
            mem(t).bind(name, value);
        }

        @Override
        public String pid(long nr) {
            return ctx.names.format(t.activePidNs(), nr);
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
            emit(t, "exec " + e.name(), TraceFormat.errno(ret));
            return;
        }
        Call call = s instanceof Expect x ? x.call() : (Call) s;
        String result = pendingCall.complete(ret);
        pendingCall = null;
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
        if (ret == 0) {
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
            emit(t, sp.text(), TraceFormat.errno(ret));
            return;
        }
        // named in every namespace it has a number in, before it runs (it may print later than its parent)
        Task created = Pids.findTaskByPidNs((int) ret, t.activePidNs());
        if (created != null) {
            ctx.names.register(created, child, sp.name());
        }
        mem(t).bind(sp.name(), ret);
        mem(t).bind(child, ret);
        emit(t, sp.text(), child);
    }

    private void emit(Task t, String text, String result) {
        ctx.trace.accept(result == null ? "[" + name + "] " + text : "[" + name + "] " + text + " = " + result);
    }
}
