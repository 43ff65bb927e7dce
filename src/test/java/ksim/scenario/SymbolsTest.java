package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.Test;

class SymbolsTest {
    /** The classes whose constants are symbols: all of ksim.abi but Errno; glibc's last, as its names win. */
    private static final List<Class<?>> ABI = List.of(Signal.class, SigAction.class, SigInfo.class, Wait.class,
            Clone.class, Sched.class, Resource.class, Prctl.class, Limits.class, Glibc.class);

    /** The language's symbols before they came from ksim.abi: the table Symbols held, as it was. */
    private static final Map<String, Long> BEFORE = new TreeMap<>();

    private static void put(String name, long value) {
        BEFORE.put(name, value);
    }

        static {
            String[] sigs = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
                "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
                "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG",
                "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
            for (int i = 1; i < sigs.length; i++) {
                put(sigs[i], i);
            }
            put("SIGIOT", 6);
            put("SIGPOLL", 29);
            put("SIGCLD", 17);
            put("SIGRTMIN", 34); // glibc reserves 32 and 33 for itself
            put("SIGRTMAX", 64);

            put("WNOHANG", 0x1);
            put("WUNTRACED", 0x2);
            put("WSTOPPED", 0x2);
            put("WEXITED", 0x4);
            put("WCONTINUED", 0x8);
            put("WNOWAIT", 0x01000000);
            put("__WNOTHREAD", 0x20000000);
            put("__WALL", 0x40000000);
            put("__WCLONE", 0x80000000L);
            put("P_ALL", 0);
            put("P_PID", 1);
            put("P_PGID", 2);
            put("P_PIDFD", 3);

            put("CSIGNAL", 0xff);
            put("CLONE_VM", 0x100);
            put("CLONE_FS", 0x200);
            put("CLONE_FILES", 0x400);
            put("CLONE_SIGHAND", 0x800);
            put("CLONE_PIDFD", 0x1000);
            put("CLONE_PTRACE", 0x2000);
            put("CLONE_VFORK", 0x4000);
            put("CLONE_PARENT", 0x8000);
            put("CLONE_THREAD", 0x10000);
            put("CLONE_NEWNS", 0x20000);
            put("CLONE_SYSVSEM", 0x40000);
            put("CLONE_SETTLS", 0x80000);
            put("CLONE_PARENT_SETTID", 0x100000);
            put("CLONE_CHILD_CLEARTID", 0x200000);
            put("CLONE_DETACHED", 0x400000);
            put("CLONE_UNTRACED", 0x800000);
            put("CLONE_CHILD_SETTID", 0x1000000);
            put("CLONE_NEWCGROUP", 0x2000000);
            put("CLONE_NEWUTS", 0x4000000);
            put("CLONE_NEWIPC", 0x8000000);
            put("CLONE_NEWUSER", 0x10000000);
            put("CLONE_NEWPID", 0x20000000);
            put("CLONE_NEWNET", 0x40000000);
            put("CLONE_IO", 0x80000000L);
            put("CLONE_NEWTIME", 0x80);
            put("CLONE_CLEAR_SIGHAND", 0x100000000L);
            put("CLONE_INTO_CGROUP", 0x200000000L);

            put("SIG_DFL", 0);
            put("SIG_IGN", 1);
            put("SIG_BLOCK", 0);
            put("SIG_UNBLOCK", 1);
            put("SIG_SETMASK", 2);
            put("SA_NOCLDSTOP", 0x1);
            put("SA_NOCLDWAIT", 0x2);
            put("SA_SIGINFO", 0x4);
            put("SA_ONSTACK", 0x08000000);
            put("SA_RESTART", 0x10000000);
            put("SA_NODEFER", 0x40000000);
            put("SA_RESETHAND", 0x80000000L);

            put("PR_SET_PDEATHSIG", 1);
            put("PR_GET_PDEATHSIG", 2);
            put("PR_GET_DUMPABLE", 3);
            put("PR_SET_DUMPABLE", 4);
            put("PR_GET_KEEPCAPS", 7);
            put("PR_SET_KEEPCAPS", 8);
            put("PR_SET_NAME", 15);
            put("PR_GET_NAME", 16);
            put("PR_SET_TIMERSLACK", 29);
            put("PR_GET_TIMERSLACK", 30);
            put("PR_SET_CHILD_SUBREAPER", 36);
            put("PR_GET_CHILD_SUBREAPER", 37);
            put("PR_SET_NO_NEW_PRIVS", 38);
            put("PR_GET_NO_NEW_PRIVS", 39);

            String[] rlimits = {"RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE",
                "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
                "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME"};
            for (int i = 0; i < rlimits.length; i++) {
                put(rlimits[i], i);
            }
            put("RLIM_INFINITY", -1);

            put("SCHED_OTHER", 0);
            put("SCHED_NORMAL", 0);
            put("SCHED_FIFO", 1);
            put("SCHED_RR", 2);
            put("SCHED_BATCH", 3);
            put("SCHED_IDLE", 5);
            put("SCHED_DEADLINE", 6);
            put("SCHED_RESET_ON_FORK", 0x40000000);
            put("PRIO_PROCESS", 0);
            put("PRIO_PGRP", 1);
            put("PRIO_USER", 2);

            put("INT_MIN", Integer.MIN_VALUE);
            put("INT_MAX", Integer.MAX_VALUE);
        }

    /** The names whose value in {@code actual} is not {@code expected}'s. */
    private static List<String> differences(Map<String, Long> expected, Map<String, Long> actual) {
        List<String> differ = new ArrayList<>();
        expected.forEach((name, value) -> {
            if (!value.equals(actual.get(name))) {
                differ.add(name + " should be " + value + ", is " + actual.get(name));
            }
        });
        return differ;
    }

    @Test
    void everySymbolTheLanguageAcceptedKeepsItsValue() {
        assertEquals(List.of(), differences(BEFORE, Symbols.all()));
    }

    @Test
    void theSymbolsAreTheAbisConstants() throws IllegalAccessException {
        Map<String, Long> expected = new TreeMap<>();
        for (Class<?> c : ABI) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && (f.getType() == int.class || f.getType() == long.class)) {
                    expected.put(f.getName(), f.getLong(null));
                }
            }
        }
        expected.put("__WCLONE", 0x80000000L); // an unsigned int in C
        assertEquals(List.of(), differences(expected, Symbols.all()));
        assertEquals(expected.keySet(), new TreeSet<>(Symbols.all().keySet()), "no symbol but the ABI's");
        assertNull(Symbols.value("EINVAL"), "errnos are results, not arguments");
        assertNull(Symbols.value("SIG_CATCH"), "ksim's own handler value is no symbol");
    }

    /** Only glibc's SIGRTMIN differs from a kernel constant of the same name; another clash would be a mistake. */
    @Test
    void namesDefinedTwiceAgreeButSigrtmin() throws IllegalAccessException {
        Map<String, Long> seen = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (Class<?> c : ABI) {
            for (Field f : c.getFields()) {
                long v = f.getLong(null);
                Long before = seen.put(f.getName(), v);
                if (before != null && before != v) {
                    clashes.add(c.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertEquals(List.of("Glibc.SIGRTMIN"), clashes);
        assertEquals(34L, Symbols.value("SIGRTMIN"));
    }

    @Test
    void everyAbiClassButErrnoGivesSymbols() throws IOException {
        TreeSet<String> classes = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/ksim/abi"))) {
            files.map(p -> p.getFileName().toString().replace(".java", "")).forEach(classes::add);
        }
        classes.removeAll(List.of("Errno", "package-info"));
        assertEquals(classes, new TreeSet<>(ABI.stream().map(Class::getSimpleName).toList()));
    }
}
