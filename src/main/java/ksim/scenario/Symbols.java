package ksim.scenario;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import ksim.abi.Clone;
import ksim.abi.Glibc;
import ksim.abi.Limits;
import ksim.abi.Prctl;
import ksim.abi.Resource;
import ksim.abi.Sched;
import ksim.abi.SigAction;
import ksim.abi.SigInfo;
import ksim.abi.Signal;
import ksim.abi.Wait;

/**
 * The upper-case symbols of the scenario language: the constants of {@link ksim.abi} (but
 * Errno's), under their names, with the values a C program on Linux x86-64 sees — glibc's
 * where they differ (SIGRTMIN). Listed rather than read by reflection, which would add
 * milliseconds to every run that names a symbol; SymbolsTest checks the list against the
 * classes.
 */
final class Symbols {
    private Symbols() {}

    private static final Map<String, Long> VALUES = new TreeMap<>();

    private static void put(String name, long value) {
        VALUES.put(name, value);
    }

    static {
        for (int sig = 1; sig < Signal.SIGRTMIN; sig++) {
            put(Signal.name(sig), sig);
        }
        put("SIGIOT", Signal.SIGIOT);
        put("SIGPOLL", Signal.SIGPOLL);
        put("_NSIG", Signal._NSIG);

        put("SIGCANCEL", Glibc.SIGCANCEL);
        put("SIGSETXID", Glibc.SIGSETXID);
        put("SIGRTMIN", Glibc.SIGRTMIN); // not the kernel's 32
        put("SIGRTMAX", Glibc.SIGRTMAX);
        put("SIGCLD", Glibc.SIGCLD);
        put("SCHED_OTHER", Glibc.SCHED_OTHER);
        put("INT_MIN", Glibc.INT_MIN);
        put("INT_MAX", Glibc.INT_MAX);

        put("SA_NOCLDSTOP", SigAction.SA_NOCLDSTOP);
        put("SA_NOCLDWAIT", SigAction.SA_NOCLDWAIT);
        put("SA_SIGINFO", SigAction.SA_SIGINFO);
        put("SA_RESTORER", SigAction.SA_RESTORER);
        put("SA_ONSTACK", SigAction.SA_ONSTACK);
        put("SA_RESTART", SigAction.SA_RESTART);
        put("SA_NODEFER", SigAction.SA_NODEFER);
        put("SA_RESETHAND", SigAction.SA_RESETHAND);
        put("SIG_DFL", SigAction.SIG_DFL);
        put("SIG_IGN", SigAction.SIG_IGN);
        put("SIG_BLOCK", SigAction.SIG_BLOCK);
        put("SIG_UNBLOCK", SigAction.SIG_UNBLOCK);
        put("SIG_SETMASK", SigAction.SIG_SETMASK);

        put("SI_USER", SigInfo.SI_USER);
        put("SI_KERNEL", SigInfo.SI_KERNEL);
        put("SI_TKILL", SigInfo.SI_TKILL);
        put("CLD_EXITED", SigInfo.CLD_EXITED);
        put("CLD_KILLED", SigInfo.CLD_KILLED);
        put("CLD_DUMPED", SigInfo.CLD_DUMPED);
        put("CLD_TRAPPED", SigInfo.CLD_TRAPPED);
        put("CLD_STOPPED", SigInfo.CLD_STOPPED);
        put("CLD_CONTINUED", SigInfo.CLD_CONTINUED);

        put("WNOHANG", Wait.WNOHANG);
        put("WUNTRACED", Wait.WUNTRACED);
        put("WSTOPPED", Wait.WSTOPPED);
        put("WEXITED", Wait.WEXITED);
        put("WCONTINUED", Wait.WCONTINUED);
        put("WNOWAIT", Wait.WNOWAIT);
        put("__WNOTHREAD", Wait.__WNOTHREAD);
        put("__WALL", Wait.__WALL);
        put("__WCLONE", Integer.toUnsignedLong(Wait.__WCLONE)); // an unsigned int in C
        put("P_ALL", Wait.P_ALL);
        put("P_PID", Wait.P_PID);
        put("P_PGID", Wait.P_PGID);
        put("P_PIDFD", Wait.P_PIDFD);

        put("CSIGNAL", Clone.CSIGNAL);
        put("CLONE_NEWTIME", Clone.CLONE_NEWTIME);
        put("CLONE_VM", Clone.CLONE_VM);
        put("CLONE_FS", Clone.CLONE_FS);
        put("CLONE_FILES", Clone.CLONE_FILES);
        put("CLONE_SIGHAND", Clone.CLONE_SIGHAND);
        put("CLONE_PIDFD", Clone.CLONE_PIDFD);
        put("CLONE_PTRACE", Clone.CLONE_PTRACE);
        put("CLONE_VFORK", Clone.CLONE_VFORK);
        put("CLONE_PARENT", Clone.CLONE_PARENT);
        put("CLONE_THREAD", Clone.CLONE_THREAD);
        put("CLONE_NEWNS", Clone.CLONE_NEWNS);
        put("CLONE_SYSVSEM", Clone.CLONE_SYSVSEM);
        put("CLONE_SETTLS", Clone.CLONE_SETTLS);
        put("CLONE_PARENT_SETTID", Clone.CLONE_PARENT_SETTID);
        put("CLONE_CHILD_CLEARTID", Clone.CLONE_CHILD_CLEARTID);
        put("CLONE_DETACHED", Clone.CLONE_DETACHED);
        put("CLONE_UNTRACED", Clone.CLONE_UNTRACED);
        put("CLONE_CHILD_SETTID", Clone.CLONE_CHILD_SETTID);
        put("CLONE_NEWCGROUP", Clone.CLONE_NEWCGROUP);
        put("CLONE_NEWUTS", Clone.CLONE_NEWUTS);
        put("CLONE_NEWIPC", Clone.CLONE_NEWIPC);
        put("CLONE_NEWUSER", Clone.CLONE_NEWUSER);
        put("CLONE_NEWPID", Clone.CLONE_NEWPID);
        put("CLONE_NEWNET", Clone.CLONE_NEWNET);
        put("CLONE_IO", Clone.CLONE_IO);
        put("CLONE_CLEAR_SIGHAND", Clone.CLONE_CLEAR_SIGHAND);
        put("CLONE_INTO_CGROUP", Clone.CLONE_INTO_CGROUP);

        put("SCHED_NORMAL", Sched.SCHED_NORMAL);
        put("SCHED_FIFO", Sched.SCHED_FIFO);
        put("SCHED_RR", Sched.SCHED_RR);
        put("SCHED_BATCH", Sched.SCHED_BATCH);
        put("SCHED_IDLE", Sched.SCHED_IDLE);
        put("SCHED_DEADLINE", Sched.SCHED_DEADLINE);
        put("SCHED_RESET_ON_FORK", Sched.SCHED_RESET_ON_FORK);

        put("RLIMIT_CPU", Resource.RLIMIT_CPU);
        put("RLIMIT_FSIZE", Resource.RLIMIT_FSIZE);
        put("RLIMIT_DATA", Resource.RLIMIT_DATA);
        put("RLIMIT_STACK", Resource.RLIMIT_STACK);
        put("RLIMIT_CORE", Resource.RLIMIT_CORE);
        put("RLIMIT_RSS", Resource.RLIMIT_RSS);
        put("RLIMIT_NPROC", Resource.RLIMIT_NPROC);
        put("RLIMIT_NOFILE", Resource.RLIMIT_NOFILE);
        put("RLIMIT_MEMLOCK", Resource.RLIMIT_MEMLOCK);
        put("RLIMIT_AS", Resource.RLIMIT_AS);
        put("RLIMIT_LOCKS", Resource.RLIMIT_LOCKS);
        put("RLIMIT_SIGPENDING", Resource.RLIMIT_SIGPENDING);
        put("RLIMIT_MSGQUEUE", Resource.RLIMIT_MSGQUEUE);
        put("RLIMIT_NICE", Resource.RLIMIT_NICE);
        put("RLIMIT_RTPRIO", Resource.RLIMIT_RTPRIO);
        put("RLIMIT_RTTIME", Resource.RLIMIT_RTTIME);
        put("RLIM_NLIMITS", Resource.RLIM_NLIMITS);
        put("RLIM_INFINITY", Resource.RLIM_INFINITY);
        put("PRIO_PROCESS", Resource.PRIO_PROCESS);
        put("PRIO_PGRP", Resource.PRIO_PGRP);
        put("RUSAGE_SELF", Resource.RUSAGE_SELF);
        put("RUSAGE_CHILDREN", Resource.RUSAGE_CHILDREN);
        put("RUSAGE_BOTH", Resource.RUSAGE_BOTH);
        put("RUSAGE_THREAD", Resource.RUSAGE_THREAD);
        put("PRIO_USER", Resource.PRIO_USER);

        put("PR_SET_PDEATHSIG", Prctl.PR_SET_PDEATHSIG);
        put("PR_GET_PDEATHSIG", Prctl.PR_GET_PDEATHSIG);
        put("PR_GET_DUMPABLE", Prctl.PR_GET_DUMPABLE);
        put("PR_SET_DUMPABLE", Prctl.PR_SET_DUMPABLE);
        put("PR_GET_KEEPCAPS", Prctl.PR_GET_KEEPCAPS);
        put("PR_SET_KEEPCAPS", Prctl.PR_SET_KEEPCAPS);
        put("PR_SET_NAME", Prctl.PR_SET_NAME);
        put("PR_GET_NAME", Prctl.PR_GET_NAME);
        put("PR_SET_TIMERSLACK", Prctl.PR_SET_TIMERSLACK);
        put("PR_GET_TIMERSLACK", Prctl.PR_GET_TIMERSLACK);
        put("PR_SET_CHILD_SUBREAPER", Prctl.PR_SET_CHILD_SUBREAPER);
        put("PR_GET_CHILD_SUBREAPER", Prctl.PR_GET_CHILD_SUBREAPER);
        put("PR_SET_NO_NEW_PRIVS", Prctl.PR_SET_NO_NEW_PRIVS);
        put("PR_GET_NO_NEW_PRIVS", Prctl.PR_GET_NO_NEW_PRIVS);

        put("PIPE_BUF", Limits.PIPE_BUF);
    }

    /** The value of {@code name}, or null when Linux has no such symbol (that ksim knows). */
    static Long value(String name) {
        return VALUES.get(name);
    }

    /** Every symbol, for SymbolsTest. */
    static Map<String, Long> all() {
        return Collections.unmodifiableMap(VALUES);
    }
}
