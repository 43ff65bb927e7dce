package ksim.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The calls of the scenario language: their arguments and how their results print. */
final class Calls {
    private Calls() {}

    /** What an argument may be. */
    enum ArgKind {
        /** An integer: a number, {@code -N}, symbols ORed together. */
        INT,
        /** A PID: a task name, {@code -NAME}, or an integer. */
        PID,
        /** A task name. */
        TASK,
        DURATION,
        /** A set of CPUs or signals. */
        SET,
        /** SIG_DFL, SIG_IGN or catch. */
        HANDLER,
        /** The name pipe() binds. */
        NEW_PIPE,
        /** A pipe's name (write, read). */
        PIPE,
        /** NAME.r or NAME.w. */
        PIPE_END,
        /** prctl's argument: an integer, or a name for PR_SET_NAME. */
        INT_OR_WORD
    }

    /** How the result prints (spec: "RESULT"). */
    enum Result { INT, PID, NONE, WAIT, WAITID, ZERO, STATE, COMM, CPUTIME, POLICY, RLIMIT, CPUSET }

    record Spec(String name, List<ArgKind> args, Result result) {}

    /** name → spec; looked up for every statement run, iterated only in order ({@link #names()}). */
    private static final Map<String, Spec> SPECS = new HashMap<>();

    private static void def(String name, Result result, ArgKind... args) {
        SPECS.put(name, new Spec(name, List.of(args), result));
    }

    static {
        def("exit", Result.NONE, ArgKind.INT);
        def("thread_exit", Result.NONE, ArgKind.INT);
        def("wait", Result.WAIT);
        def("waitpid", Result.WAIT, ArgKind.PID, ArgKind.INT);
        def("waitid", Result.WAITID, ArgKind.INT, ArgKind.PID, ArgKind.INT);
        def("getpid", Result.PID);
        def("gettid", Result.PID);
        def("getppid", Result.PID);
        def("getpgrp", Result.PID);
        def("getpgid", Result.PID, ArgKind.PID);
        def("getsid", Result.PID, ArgKind.PID);
        def("setpgid", Result.INT, ArgKind.PID, ArgKind.PID);
        def("setsid", Result.PID);
        def("kill", Result.INT, ArgKind.PID, ArgKind.INT);
        def("tgkill", Result.INT, ArgKind.PID, ArgKind.PID, ArgKind.INT);
        def("raise", Result.INT, ArgKind.INT);
        def("signal", Result.ZERO, ArgKind.INT, ArgKind.HANDLER);
        def("sigaction", Result.ZERO, ArgKind.INT, ArgKind.HANDLER, ArgKind.INT);
        def("sigprocmask", Result.INT, ArgKind.INT, ArgKind.SET);
        def("pause", Result.INT);
        def("prctl", Result.INT, ArgKind.INT, ArgKind.INT_OR_WORD);
        def("unshare", Result.INT, ArgKind.INT);
        def("setuid", Result.INT, ArgKind.INT);
        def("setrlimit", Result.INT, ArgKind.INT, ArgKind.INT, ArgKind.INT);
        def("getrlimit", Result.RLIMIT, ArgKind.INT);
        def("nice", Result.INT, ArgKind.INT);
        def("setpriority", Result.INT, ArgKind.INT, ArgKind.PID, ArgKind.INT);
        def("getpriority", Result.INT, ArgKind.INT, ArgKind.PID);
        def("sched_setscheduler", Result.INT, ArgKind.PID, ArgKind.INT, ArgKind.INT);
        def("sched_getscheduler", Result.POLICY, ArgKind.PID);
        def("sched_setaffinity", Result.INT, ArgKind.PID, ArgKind.SET);
        def("sched_getaffinity", Result.CPUSET, ArgKind.PID);
        def("sched_yield", Result.INT);
        def("sleep", Result.INT, ArgKind.DURATION);
        def("spin", Result.INT, ArgKind.DURATION);
        def("pipe", Result.INT, ArgKind.NEW_PIPE);
        def("write", Result.INT, ArgKind.PIPE, ArgKind.INT);
        def("read", Result.INT, ArgKind.PIPE, ArgKind.INT);
        def("close", Result.INT, ArgKind.PIPE_END);
        def("state", Result.STATE, ArgKind.TASK);
        def("ppid", Result.PID, ArgKind.TASK);
        def("comm", Result.COMM, ArgKind.TASK);
        def("cputime", Result.CPUTIME, ArgKind.TASK);
    }

    static Spec spec(String name) {
        return SPECS.get(name);
    }

    static Iterable<String> names() {
        return new TreeSet<>(SPECS.keySet());
    }
}
