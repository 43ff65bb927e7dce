package ksim.kernel.task;

/**
 * include/linux/sched.h: struct prev_cputime, the utime/stime last reported for a task or a
 * thread group, which cputime_adjust() never lets go backwards.
 */
public final class PrevCputime {
    public long utime;
    public long stime;
}
