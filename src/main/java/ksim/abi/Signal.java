package ksim.abi;

/**
 * arch/x86/include/uapi/asm/signal.h: the signal numbers and their names. SIGRTMIN here is the
 * kernel's first real-time signal, 32; a program sees glibc's {@link Glibc#SIGRTMIN}, 34, since
 * glibc keeps 32 and 33 for its threads, and the names follow glibc's.
 */
public final class Signal {
    private Signal() {}

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6,
            SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
            SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
            SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25,
            SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
    public static final int SIGIOT = SIGABRT, SIGPOLL = SIGIO;
    /** The number of signals, and the last one's number (arch/x86/include/asm/signal.h). */
    public static final int _NSIG = 64;
    /** The kernel's real-time signals, SIGRTMIN..SIGRTMAX: queued, not merged. */
    public static final int SIGRTMIN = 32, SIGRTMAX = _NSIG;

    private static final String[] NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
    };

    /**
     * The signal's name as traces print it: SIGTERM; from glibc's SIGRTMIN on, SIGRTMIN,
     * SIGRTMIN+1 … SIGRTMAX; glibc's own 32 and 33, and anything else, as a number.
     */
    public static String name(int sig) {
        if (sig > 0 && sig < NAMES.length) {
            return NAMES[sig];
        }
        if (sig >= Glibc.SIGRTMIN && sig <= SIGRTMAX) {
            return sig == Glibc.SIGRTMIN ? "SIGRTMIN"
                    : sig == SIGRTMAX ? "SIGRTMAX" : "SIGRTMIN+" + (sig - Glibc.SIGRTMIN);
        }
        return Integer.toString(sig);
    }
}
