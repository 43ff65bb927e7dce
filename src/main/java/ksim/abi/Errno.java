package ksim.abi;

/**
 * include/uapi/asm-generic/errno-base.h and errno.h: the error numbers, named. Past them the
 * kernel's own restart codes (include/linux/errno.h), which a system call may return inside
 * the kernel but user space never sees: signal delivery turns them into EINTR or a restart.
 * System calls return {@code -errno} as a long, as the kernel does.
 */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6), E2BIG(7), ENOEXEC(8), EBADF(9),
    ECHILD(10), EAGAIN(11), ENOMEM(12), EACCES(13), EFAULT(14), ENOTBLK(15), EBUSY(16),
    EEXIST(17), EXDEV(18), ENODEV(19), ENOTDIR(20), EISDIR(21), EINVAL(22), ENFILE(23),
    EMFILE(24), ENOTTY(25), ETXTBSY(26), EFBIG(27), ENOSPC(28), ESPIPE(29), EROFS(30),
    EMLINK(31), EPIPE(32), EDOM(33), ERANGE(34), EDEADLK(35), ENAMETOOLONG(36), ENOLCK(37),
    ENOSYS(38), ENOTEMPTY(39), ELOOP(40), EOVERFLOW(75), EUSERS(87), EOPNOTSUPP(95),
    ETIMEDOUT(110),
    /* kernel-internal: never seen by user space */
    ERESTARTSYS(512), ERESTARTNOINTR(513), ERESTARTNOHAND(514), ERESTART_RESTARTBLOCK(516);

    private static final Errno[] BY_NUMBER = new Errno[517];

    static {
        for (Errno e : values()) {
            BY_NUMBER[e.number] = e;
        }
    }

    public final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The return value of a failing system call: {@code -errno}. */
    public long ret() {
        return -number;
    }

    /** The errno a negative return value stands for, or null for a success value (IS_ERR_VALUE). */
    public static Errno of(long ret) {
        if (ret >= 0 || ret < -4095) {
            return null;
        }
        int n = (int) -ret;
        return n < BY_NUMBER.length ? BY_NUMBER[n] : null;
    }

    public static boolean isError(long ret) {
        return ret < 0 && ret >= -4095;
    }
}
