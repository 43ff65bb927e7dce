package ksim.kernel.pid;

/** include/linux/pid_types.h: enum pid_type. */
public final class PidType {
    private PidType() {}

    public static final int PIDTYPE_PID = 0;
    public static final int PIDTYPE_TGID = 1;
    public static final int PIDTYPE_PGID = 2;
    public static final int PIDTYPE_SID = 3;
    public static final int PIDTYPE_MAX = 4;
}
