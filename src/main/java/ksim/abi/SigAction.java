package ksim.abi;

/**
 * include/uapi/asm-generic/signal-defs.h and arch/x86/include/uapi/asm/signal.h: what
 * rt_sigaction() and rt_sigprocmask() take. The SA_* flags are longs, as sa_flags is an
 * unsigned long (SA_RESETHAND has bit 31 set).
 */
public final class SigAction {
    private SigAction() {}

    public static final long SA_NOCLDSTOP = 0x00000001L, SA_NOCLDWAIT = 0x00000002L, SA_SIGINFO = 0x00000004L,
            SA_RESTORER = 0x04000000L, SA_ONSTACK = 0x08000000L, SA_RESTART = 0x10000000L,
            SA_NODEFER = 0x40000000L, SA_RESETHAND = 0x80000000L;
    /** The handlers that are no function: the default action, and ignoring the signal. */
    public static final int SIG_DFL = 0, SIG_IGN = 1;
    /** rt_sigprocmask()'s how. */
    public static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
}
