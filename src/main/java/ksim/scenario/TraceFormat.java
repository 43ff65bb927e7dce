package ksim.scenario;

import java.util.BitSet;
import ksim.abi.Errno;
import ksim.abi.Glibc;
import ksim.abi.SigInfo;
import ksim.abi.Signal;
import ksim.kernel.exit.Wait;
import ksim.kernel.sched.Cputime;
import ksim.kernel.sys.Rusage;

/** How values print in the trace (the spec's RESULT): wait statuses, siginfo, limits, sets, errors. */
final class TraceFormat {
    private TraceFormat() {}

    /** A failure: {@code -1 ERRNO}, with the errno's symbolic name. */
    static String errno(long ret) {
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

    /** waitid's result: {@code 0 {PID CODE STATUS}}, or {@code 0 {}} when si_pid is 0. */
    static String siginfo(CallTable.Names names, Wait.Siginfo info) {
        if (info.pid() == 0) {
            return "0 {}";
        }
        String code = switch (info.code()) {
            case SigInfo.CLD_EXITED -> "CLD_EXITED";
            case SigInfo.CLD_KILLED -> "CLD_KILLED";
            case SigInfo.CLD_DUMPED -> "CLD_DUMPED";
            case SigInfo.CLD_STOPPED -> "CLD_STOPPED";
            case SigInfo.CLD_CONTINUED -> "CLD_CONTINUED";
            default -> Integer.toString(info.code());
        };
        String st = info.code() == SigInfo.CLD_EXITED ? Integer.toString(info.status()) : Signal.name(info.status());
        return "0 {" + names.pid(info.pid()) + " " + code + " " + st + "}";
    }

    /** A resource limit: the number, unsigned, or {@code unlimited} for RLIM_INFINITY. */
    static String limit(long v) {
        return v == -1 ? "unlimited" : Long.toUnsignedString(v);
    }

    /** A set of CPUs: {@code {0, 1}}. */
    static String set(BitSet mask) {
        StringBuilder b = new StringBuilder("{");
        for (int cpu = mask.nextSetBit(0); cpu >= 0; cpu = mask.nextSetBit(cpu + 1)) {
            b.append(b.length() > 1 ? ", " : "").append(cpu);
        }
        return b.append('}').toString();
    }

    /** A set of signals, bit (sig - 1), by number: {@code {SIGUSR1, SIGRTMIN}}. */
    static String signals(long mask) {
        StringBuilder b = new StringBuilder("{");
        for (long m = mask; m != 0; m &= m - 1) {
            b.append(b.length() > 1 ? ", " : "").append(Signal.name(Long.numberOfTrailingZeros(m) + 1));
        }
        return b.append('}').toString();
    }

    /** getrusage's struct rusage: {@code {utime+stime N ms, nvcsw N}}, the times' µs summed, then cut to ms. */
    static String rusage(Rusage.Usage u) {
        return "{utime+stime " + (u.utimeUs() + u.stimeUs()) / 1000 + " ms, nvcsw " + u.nvcsw() + "}";
    }

    /** times()'s struct tms: {@code {utime+stime N ms, cutime+cstime N ms}}, the clock ticks summed, in ms. */
    static String tms(Rusage.Tms t) {
        return "{utime+stime " + ticksMs(t.utime() + t.stime()) + " ms, cutime+cstime "
                + ticksMs(t.cutime() + t.cstime()) + " ms}";
    }

    /** Clock ticks (USER_HZ) as ms, as cputime() prints them. */
    static long ticksMs(long ticks) {
        return ticks * 1000 / Cputime.USER_HZ;
    }

    /** glibc's own signals, SIGCANCEL (32) and SIGSETXID (33): its wrappers keep them from the program. */
    static boolean glibcInternal(long sig) {
        return sig == Glibc.SIGCANCEL || sig == Glibc.SIGSETXID;
    }
}
