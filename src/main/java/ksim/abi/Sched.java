package ksim.abi;

/** include/uapi/linux/sched.h: the scheduling policies of sched_setscheduler(). */
public final class Sched {
    private Sched() {}

    public static final int SCHED_NORMAL = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3, SCHED_IDLE = 5,
            SCHED_DEADLINE = 6;
    /** ORed into the policy: the child of a fork goes back to SCHED_NORMAL and nice 0. */
    public static final int SCHED_RESET_ON_FORK = 0x40000000;
}
