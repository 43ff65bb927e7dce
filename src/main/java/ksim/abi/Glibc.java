package ksim.abi;

/**
 * What a C program sees through glibc's headers where it differs from, or adds to, the
 * kernel's uapi: the scenario language speaks as such a program. glibc keeps the kernel's first
 * two real-time signals for its threads (sysdeps/unix/sysv/linux/internal-signals.h), so its
 * SIGRTMIN (signal.h: __libc_current_sigrtmin()) is 34 where the kernel's is 32.
 */
public final class Glibc {
    private Glibc() {}

    /** Thread cancellation and setxid() broadcasts: internal-signals.h, refused to programs. */
    public static final int SIGCANCEL = Signal.SIGRTMIN, SIGSETXID = Signal.SIGRTMIN + 1;
    /** signal.h: the real-time signals a program may use, SIGRTMIN..SIGRTMAX. */
    public static final int SIGRTMIN = Signal.SIGRTMIN + 2, SIGRTMAX = Signal.SIGRTMAX;
    /** bits/signum-arch.h: System V's name. */
    public static final int SIGCLD = Signal.SIGCHLD;
    /** bits/sched.h: POSIX's name for SCHED_NORMAL. */
    public static final int SCHED_OTHER = Sched.SCHED_NORMAL;
    /** limits.h. */
    public static final int INT_MIN = Integer.MIN_VALUE, INT_MAX = Integer.MAX_VALUE;
}
