package ksim.abi;

/**
 * include/uapi/linux/wait.h: the options of wait4() and waitid(), and waitid()'s idtype. The
 * options are ints, as the system calls take them: __WCLONE, 0x80000000 (an unsigned int in
 * C), is negative here.
 */
public final class Wait {
    private Wait() {}

    public static final int WNOHANG = 0x00000001, WUNTRACED = 0x00000002, WSTOPPED = WUNTRACED,
            WEXITED = 0x00000004, WCONTINUED = 0x00000008, WNOWAIT = 0x01000000;
    /** Linux's own: not the children of other threads; all children; only the non-SIGCHLD ones. */
    public static final int __WNOTHREAD = 0x20000000, __WALL = 0x40000000, __WCLONE = 0x80000000;
    public static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
}
