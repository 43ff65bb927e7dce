package ksim.abi;

/**
 * include/uapi/asm-generic/siginfo.h: si_code, who sent a signal (SI_*; negative when user
 * space did) and, for SIGCHLD and waitid(), what became of the child (CLD_*).
 */
public final class SigInfo {
    private SigInfo() {}

    /** kill(), raise(); the kernel from somewhere; tgkill() and tkill(). */
    public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_TKILL = -6;
    public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4,
            CLD_STOPPED = 5, CLD_CONTINUED = 6;
}
