package ksim.kernel.signal;

/** arch/x86/include/uapi/asm/signal.h: signal numbers, names and the SIG_DFL/SIG_IGN handlers. */
public final class Signal {
    private Signal() {}

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6,
            SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
            SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
            SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25,
            SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
    public static final int SIGRTMIN = 32;
    public static final int _NSIG = 64;

    public static final int SIG_DFL = 0;
    public static final int SIG_IGN = 1;
    /** A user handler (the scenario language's {@code catch}). */
    public static final int SIG_CATCH = 2;

    private static final String[] NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
    };

    /** valid_signal(). */
    public static boolean valid(int sig) {
        return sig >= 0 && sig <= _NSIG;
    }

    /** The signal's name as strsignal's abbreviation: SIGTERM, SIGRTMIN+3 (34 is SIGRTMIN as glibc reserves 32 and 33). */
    public static String name(int sig) {
        if (sig > 0 && sig < NAMES.length) {
            return NAMES[sig];
        }
        if (sig >= 34 && sig <= _NSIG) {
            return sig == 34 ? "SIGRTMIN" : sig == _NSIG ? "SIGRTMAX" : "SIGRTMIN+" + (sig - 34);
        }
        return Integer.toString(sig);
    }
}
