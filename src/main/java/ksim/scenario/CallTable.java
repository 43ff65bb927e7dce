package ksim.scenario;

import static ksim.scenario.CallTable.ArgKind.DURATION;
import static ksim.scenario.CallTable.ArgKind.HANDLER;
import static ksim.scenario.CallTable.ArgKind.INT;
import static ksim.scenario.CallTable.ArgKind.INT_OR_WORD;
import static ksim.scenario.CallTable.ArgKind.NEW_PIPE;
import static ksim.scenario.CallTable.ArgKind.PID;
import static ksim.scenario.CallTable.ArgKind.PIPE;
import static ksim.scenario.CallTable.ArgKind.PIPE_END;
import static ksim.scenario.CallTable.ArgKind.SET;
import static ksim.scenario.CallTable.ArgKind.TASK;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ksim.abi.SigAction;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.exit.Wait;
import ksim.kernel.fs.PipeCalls;
import ksim.kernel.proc.ProcPidStat;
import ksim.kernel.sched.SchedCalls;
import ksim.kernel.signal.SignalCalls;
import ksim.kernel.signal.Sigsuspend;
import ksim.kernel.sys.Nanosleep;
import ksim.kernel.sys.Pause;
import ksim.kernel.sys.Prctl;
import ksim.kernel.sys.Rlimit;
import ksim.kernel.sys.Rusage;
import ksim.kernel.sys.Setuid;
import ksim.kernel.sys.Sys;
import ksim.kernel.sys.Unshare;
import ksim.kernel.task.Spin;
import ksim.kernel.task.UserOp;
import ksim.kernel.task.UserPtr;

/**
 * The calls of the scenario language, one row each: the language's {@code sys_call_table}.
 * A row is all there is to a call — its arguments, how it enters the kernel (as the glibc
 * function of the same name does), how its result prints in the trace, its C form for the
 * real-kernel recorder, and its line in the language reference — so the parser's checks, the
 * interpreter, the C generator and docs/calls.md all read the same row. A new call is one row
 * here and its kernel function.
 *
 * <p>Results other than the return value come back through a {@link UserPtr}, as the kernel
 * copies them out to user memory; nothing here looks inside a system call.
 */
final class CallTable {
    private CallTable() {}

    /** What an argument may be. */
    enum ArgKind {
        /** An integer: a number, {@code -N}, symbols ORed together. */
        INT("N"),
        /** A PID: a task name, {@code -NAME}, or an integer. */
        PID("PID"),
        /** A task name. */
        TASK("NAME"),
        DURATION("DURATION"),
        /** A set of CPUs or signals. */
        SET("{…}"),
        /** SIG_DFL, SIG_IGN or catch. */
        HANDLER("SIG_DFL|SIG_IGN|catch"),
        /** The name pipe() binds. */
        NEW_PIPE("NAME"),
        /** A pipe's name (write, read). */
        PIPE("NAME"),
        /** NAME.r or NAME.w. */
        PIPE_END("NAME.r|NAME.w"),
        /** prctl's argument: an integer, or a name for PR_SET_NAME. */
        INT_OR_WORD("N|NAME");

        /** How the language reference writes it. */
        final String doc;

        ArgKind(String doc) {
            this.doc = doc;
        }
    }

    /** A statement's arguments, resolved in the task that runs it. */
    interface Args {
        /** A number, symbol or duration (in ns), or the PID a name holds (negated for -NAME). */
        long value(int n);

        default int i(int n) {
            return (int) value(n);
        }

        /** A set of signals as a mask, bit (sig - 1). */
        long signals(int n);

        /** A set of CPUs. */
        BitSet cpus(int n);

        /** SIG_DFL, SIG_IGN or catch, as the signal layer numbers them. */
        int handler(int n);

        /** The word written at argument {@code n} where a number may also stand; null for a number. */
        String word(int n);

        /** The name written at argument {@code n}. */
        String name(int n);

        /** This task's descriptor for a pipe end (NAME.r, NAME.w); -1 where it has none (EBADF). */
        int fd(String pipeEnd);

        /** The caller's thread group and thread ids, in its namespace. */
        int tgid();

        int tid();

        /** Binds a name in the task's memory (pipe() binds its two ends). */
        void bind(String name, long value);
    }

    /** How a PID prints: the name of the task that holds it in the caller's namespace, else the number. */
    interface Names {
        String pid(long nr);
    }

    /** The kernel entry: the request for the kernel, with {@code out} where it copies its result out. */
    interface Enter<O> {
        UserOp enter(Args a, UserPtr<O> out);
    }

    /** The trace's RESULT for a call that succeeded (a failure prints as {@code -1 ERRNO}). */
    interface Print<O> {
        String print(Names names, long ret, O out);
    }

    /** What the call does in user memory once it returns (pipe() binds its ends' names). */
    interface Done<O> {
        void done(Args a, long ret, O out);
    }

    /**
     * One call.
     *
     * @param print null for a call that does not return (exit): its line prints, with no
     *     result, as it is made
     * @param done null when the call leaves nothing in the task's memory
     * @param c its C form for the recorder: {@code %s} the statement, {@code %N} argument N's
     *     value, {@code %hN} its handler, {@code %eN} its set (a compound literal and its
     *     length), {@code %qN} its name as a C string, {@code %nN} its number (0L for a word),
     *     {@code %wN} its word as a C string (NULL for a number)
     * @param doc the language reference's description, result included
     */
    record Row<O>(String name, List<ArgKind> args, Enter<O> enter, Print<O> print, Done<O> done, String c,
            String doc) {}

    private static final Map<String, Row<?>> ROWS = new LinkedHashMap<>();

    private static <O> void row(String name, List<ArgKind> args, Enter<O> enter, Print<O> print, String c,
            String doc) {
        ROWS.put(name, new Row<>(name, args, enter, print, null, c, doc));
    }

    /** The row of {@code name}, or null when the language has no such call. */
    static Row<?> get(String name) {
        return ROWS.get(name);
    }

    /** Every row, in the language reference's order. */
    static Iterable<Row<?>> rows() {
        return ROWS.values();
    }

    /** The calls' names, sorted. */
    static Iterable<String> names() {
        return new java.util.TreeSet<>(ROWS.keySet());
    }

    // ---- how results print ------------------------------------------------------------------

    static final Print<Object> INT_RESULT = (n, ret, out) -> Long.toString(ret);
    static final Print<Object> PID_RESULT = (n, ret, out) -> n.pid(ret);
    static final Print<Object> ZERO = (n, ret, out) -> "0";

    static {
        exits();
        waits();
        identity();
        signals();
        processControl();
        scheduling();
        time();
        pipes();
        looking();
    }

    private static void exits() {
        row("exit", List.of(INT), (a, out) -> ExitGroup.exitGroup(a.i(0)), null, "rt_exit(%s, %0)",
                "exit_group(N), as libc's _exit(): the whole thread group ends; no result");
        row("thread_exit", List.of(INT), (a, out) -> ExitGroup.exitThread(a.i(0)), null, "rt_thread_exit(%s, %0)",
                "the exit system call: this thread only; no result");
    }

    private static void waits() {
        Print<Integer> status = (n, ret, st) -> ret == 0 ? "0" : n.pid(ret) + " " + TraceFormat.waitStatus(st);
        row("wait", List.of(), (a, st) -> new Wait.Wait4(-1, st, 0), status, "rt_wait4(%s, -1L, 0L)",
                "wait4(-1, &status, 0): `PID STATUS`");
        row("waitpid", List.of(PID, INT), (a, st) -> new Wait.Wait4(a.i(0), st, a.i(1)), status,
                "rt_wait4(%s, %0, %1)", "wait4(PID, &status, OPTIONS): `PID STATUS`, `0` for WNOHANG with nothing to report");
        row("waitid", List.of(INT, PID, INT), (a, info) -> new Wait.Waitid(a.i(0), a.i(1), info, a.i(2)),
                (Print<Wait.Siginfo>) (n, ret, info) -> TraceFormat.siginfo(n, info), "rt_waitid(%s, %0, %1, %2)",
                "waitid(IDTYPE, ID, &info, OPTIONS): `0 {PID CODE STATUS}`, `0 {}` for WNOHANG with nothing to report");
    }

    private static void identity() {
        row("getpid", List.of(), (a, out) -> Sys.getpid(), PID_RESULT, "rt_ret_pid(%s, rt_sys(SYS_getpid))",
                "the caller's thread group id");
        row("gettid", List.of(), (a, out) -> Sys.gettid(), PID_RESULT, "rt_ret_pid(%s, rt_sys(SYS_gettid))",
                "the caller's thread id");
        row("getppid", List.of(), (a, out) -> Sys.getppid(), PID_RESULT, "rt_ret_pid(%s, rt_sys(SYS_getppid))",
                "the real parent's thread group id (0 when the parent is outside the caller's namespace)");
        row("getpgrp", List.of(), (a, out) -> Sys.getpgid(0), PID_RESULT, "rt_ret_pid(%s, rt_sys(SYS_getpgrp))",
                "the caller's process group");
        row("getpgid", List.of(PID), (a, out) -> Sys.getpgid(a.i(0)), PID_RESULT,
                "rt_ret_pid(%s, rt_sys(SYS_getpgid, %0))", "PID's process group");
        row("getsid", List.of(PID), (a, out) -> Sys.getsid(a.i(0)), PID_RESULT,
                "rt_ret_pid(%s, rt_sys(SYS_getsid, %0))", "PID's session");
        row("setpgid", List.of(PID, PID), (a, out) -> Sys.setpgid(a.i(0), a.i(1)), INT_RESULT,
                "rt_ret_int(%s, rt_sys(SYS_setpgid, %0, %1))", "moves PID into process group PGID: 0");
        row("setsid", List.of(), (a, out) -> Sys.setsid(), PID_RESULT, "rt_ret_pid(%s, rt_sys(SYS_setsid))",
                "a new session, led by the caller: its id");
    }

    private static void signals() {
        row("kill", List.of(PID, INT), (a, out) -> SignalCalls.kill(a.i(0), a.i(1)), INT_RESULT,
                "rt_ret_int(%s, rt_sys(SYS_kill, %0, %1))", "sends SIG to a process, a group (-PGID, 0) or all (-1): 0");
        row("tgkill", List.of(PID, PID, INT), (a, out) -> SignalCalls.tgkill(a.i(0), a.i(1), a.i(2)), INT_RESULT,
                "rt_ret_int(%s, rt_sys(SYS_tgkill, %0, %1, %2))", "sends SIG to thread TID of thread group TGID: 0");
        row("raise", List.of(INT), (a, out) -> SignalCalls.tgkill(a.tgid(), a.tid(), a.i(0)), INT_RESULT,
                "rt_raise(%s, %0)", "glibc's raise(): tgkill(getpid(), gettid(), SIG): 0");
        row("signal", List.of(INT, HANDLER), (a, out) -> sigaction(a.i(0), a.handler(1), SigAction.SA_RESTART), ZERO,
                "rt_signal(%s, %0, %h1)", "glibc's signal(): rt_sigaction with SA_RESTART (BSD semantics): `0`");
        row("sigaction", List.of(INT, HANDLER, INT), (a, out) -> sigaction(a.i(0), a.handler(1), a.value(2)), ZERO,
                "rt_sigaction(%s, %0, %h1, %2)", "rt_sigaction(SIG, HANDLER with FLAGS): `0`");
        row("sigprocmask", List.of(INT, SET), (a, out) -> SignalCalls.sigprocmask(a.i(0), a.signals(1)), INT_RESULT,
                "rt_sigprocmask(%s, %0, %e1)", "rt_sigprocmask(HOW, {SIG, …}): 0");
        row("pause", List.of(), (a, out) -> new Pause(), INT_RESULT, "rt_ret_int(%s, rt_sys(SYS_pause))",
                "sleeps until a signal is delivered: `-1 EINTR`");
        row("sigsuspend", List.of(SET), (a, out) -> new Sigsuspend(a.signals(0)), INT_RESULT, "rt_sigsuspend(%s, %e0)",
                "rt_sigsuspend({SIG, …}): sleeps with that mask until a signal is delivered, whose handler runs "
                + "with it; then the old mask is back: `-1 EINTR`");
        row("sigpending", List.of(), (a, set) -> SignalCalls.sigpending(set),
                (Print<Long>) (n, ret, set) -> TraceFormat.signals(set), "rt_sigpending(%s)",
                "rt_sigpending(): the blocked signals pending for the thread or its process, `{SIGUSR1, SIGRTMIN}`");
        row("tkill", List.of(PID, INT), (a, out) -> SignalCalls.tkill(a.i(0), a.i(1)), INT_RESULT,
                "rt_ret_int(%s, rt_sys(SYS_tkill, %0, %1))", "sends SIG to thread TID, whatever its thread group: 0");
    }

    /**
     * signal() and sigaction() as glibc makes them: its own signals, SIGCANCEL (32) and SIGSETXID
     * (33), fail with EINVAL before any system call.
     */
    private static UserOp sigaction(int sig, int handler, long flags) {
        if (TraceFormat.glibcInternal(sig)) {
            return Sys.of("rt_sigaction", (k, t) -> ksim.abi.Errno.EINVAL.ret());
        }
        return SignalCalls.sigaction(sig, handler, flags);
    }

    private static void processControl() {
        Print<Object> prctl = (n, ret, read) -> read != null ? read.toString() : Long.toString(ret);
        row("prctl", List.of(INT, INT_OR_WORD), (a, read) -> new Prctl(a.i(0), a.word(1) != null ? 0 : a.value(1),
                a.word(1), read), prctl, "rt_prctl(%s, %0, %n1, %w1)",
                "prctl(OPTION, V): 0; for PR_GET_* what it reads back (a number, or the name for PR_GET_NAME)");
        row("unshare", List.of(INT), (a, out) -> new Unshare(a.value(0)), INT_RESULT, "rt_unshare(%s, %0)",
                "unshare(FLAGS), e.g. CLONE_NEWPID: the next child is init of a new PID namespace: 0");
        row("setuid", List.of(INT), (a, out) -> new Setuid(a.i(0)), INT_RESULT,
                "rt_ret_int(%s, rt_sys(SYS_setuid, %0))", "setuid(UID): 0");
        row("setrlimit", List.of(INT, INT, INT), (a, out) -> Rlimit.set(a.i(0), a.value(1), a.value(2)), INT_RESULT,
                "rt_setrlimit(%s, %0, %1, %2)", "setrlimit(RESOURCE, SOFT, HARD): 0");
        row("getrlimit", List.of(INT), (a, rlim) -> Rlimit.get(a.i(0), rlim),
                (Print<Rlimit.Value>) (n, ret, r) -> TraceFormat.limit(r.cur()) + " " + TraceFormat.limit(r.max()),
                "rt_getrlimit(%s, %0)", "getrlimit(RESOURCE): `SOFT HARD`, `unlimited` for RLIM_INFINITY");
    }

    private static void scheduling() {
        row("nice", List.of(INT), (a, nice) -> SchedCalls.nice(a.i(0), nice),
                (Print<Integer>) (n, ret, nice) -> Integer.toString(nice), "rt_nice(%s, %0)",
                "glibc's nice(INC): the new nice value; EPERM where glibc says so");
        row("setpriority", List.of(INT, PID, INT), (a, out) -> SchedCalls.setpriority(a.i(0), a.i(1), a.i(2)),
                INT_RESULT, "rt_ret_int(%s, rt_sys(SYS_setpriority, %0, %1, %2))", "setpriority(WHICH, WHO, NICE): 0");
        row("getpriority", List.of(INT, PID), (a, out) -> SchedCalls.getpriority(a.i(0), a.i(1)),
                (n, ret, out) -> Long.toString(20 - ret), "rt_getpriority(%s, %0, %1)",
                "getpriority(WHICH, WHO): the nice value (glibc turns the kernel's 20 - nice back)");
        row("sched_setscheduler", List.of(PID, INT, INT), (a, out) -> SchedCalls.setscheduler(a.i(0), a.i(1), a.i(2)),
                INT_RESULT, "rt_sched_setscheduler(%s, %0, %1, %2)", "sched_setscheduler(PID, POLICY, PRIO): 0");
        row("sched_getscheduler", List.of(PID), (a, out) -> SchedCalls.getscheduler(a.i(0)),
                (n, ret, out) -> SchedCalls.policyName(ret), "rt_sched_getscheduler(%s, %0)",
                "sched_getscheduler(PID): the policy's name");
        row("sched_setaffinity", List.of(PID, SET), (a, out) -> SchedCalls.setaffinity(a.i(0), a.cpus(1)), INT_RESULT,
                "rt_sched_setaffinity(%s, %0, %e1)", "sched_setaffinity(PID, {CPU, …}): 0");
        row("sched_getaffinity", List.of(PID), (a, mask) -> SchedCalls.getaffinity(a.i(0), mask),
                (Print<BitSet>) (n, ret, mask) -> TraceFormat.set(mask), "rt_sched_getaffinity(%s, %0)",
                "sched_getaffinity(PID): the set of CPUs, `{0, 1}`");
        row("sched_yield", List.of(), (a, out) -> SchedCalls.yield(), INT_RESULT,
                "rt_ret_int(%s, rt_sys(SYS_sched_yield))", "sched_yield(): 0");
    }

    private static void time() {
        row("sleep", List.of(DURATION), (a, out) -> new Nanosleep(a.value(0)), INT_RESULT, "rt_sleep(%s, %0)",
                "nanosleep(DURATION): 0, or `-1 EINTR`");
        row("spin", List.of(DURATION), (a, out) -> new Spin(a.value(0)), INT_RESULT, "rt_spin(%s, %0)",
                "burns DURATION of CPU time in user mode: 0");
        row("getrusage", List.of(INT), (a, ru) -> Rusage.getrusage(a.i(0), ru),
                (Print<Rusage.Usage>) (n, ret, ru) -> TraceFormat.rusage(ru), "rt_getrusage(%s, %0)",
                "getrusage(RUSAGE_SELF|RUSAGE_CHILDREN|RUSAGE_THREAD): `{utime+stime N ms, nvcsw N}`, "
                + "the CPU time (µs cut to ms) and the voluntary context switches");
        row("times", List.of(), (a, tms) -> Rusage.times(tms),
                (Print<Rusage.Tms>) (n, ret, tms) -> TraceFormat.tms(tms), "rt_times(%s)",
                "times(): `{utime+stime N ms, cutime+cstime N ms}`, the caller's and its reaped children's CPU time in "
                + "clock ticks as ms; not the return value (ticks since boot)");
    }

    private static void pipes() {
        ROWS.put("pipe", new Row<int[]>("pipe", List.of(NEW_PIPE), (a, fds) -> new PipeCalls.PipeCreate(fds),
                (n, ret, fds) -> "0", (a, ret, fds) -> {
                    a.bind(a.name(0) + ".r", fds[0]);
                    a.bind(a.name(0) + ".w", fds[1]);
                }, "rt_pipe(%s, %q0)", "pipe(NAME): binds NAME.r and NAME.w to the two ends: 0"));
        row("write", List.of(PIPE, INT), (a, out) -> new PipeCalls.Write(a.fd(a.name(0) + ".w"),
                UserBuffer.address(a.value(1)), a.value(1)), INT_RESULT, "rt_pipe_io(%s, %q0, %1, 1)",
                "write(NAME.w, N bytes): the count written");
        row("read", List.of(PIPE, INT), (a, out) -> new PipeCalls.Read(a.fd(a.name(0) + ".r"),
                UserBuffer.address(a.value(1)), a.value(1)), INT_RESULT, "rt_pipe_io(%s, %q0, %1, 0)",
                "read(NAME.r, N bytes): the count read, 0 at end of file");
        row("close", List.of(PIPE_END), (a, out) -> PipeCalls.close(a.fd(a.name(0))), INT_RESULT,
                "rt_close(%s, %q0)", "close(NAME.r or NAME.w): 0");
    }

    /** state(), ppid(), comm() and cputime(): fields of /proc/PID/stat, `-1 ESRCH` when there is no entry. */
    private static void looking() {
        look("state", (n, ret, st) -> String.valueOf(st.state()), "field 3, the state letter");
        look("ppid", (n, ret, st) -> n.pid(st.ppid()), "field 4, the parent");
        look("comm", (n, ret, st) -> st.comm(), "field 2, without parentheses");
        look("cputime", (n, ret, st) -> (st.utimeTicks() + st.stimeTicks()) * 1000
                / ksim.kernel.sched.Cputime.USER_HZ + " ms", "fields 14 + 15 (utime + stime), `N ms`");
    }

    private static void look(String name, Print<ProcPidStat.Stat> print, String field) {
        row(name, List.of(TASK), (a, st) -> new ProcPidStat(a.i(0), st), print,
                "rt_look(%s, %0, RT_" + name.toUpperCase(java.util.Locale.ROOT) + ")",
                "reads /proc/PID/stat: " + field);
    }
}
