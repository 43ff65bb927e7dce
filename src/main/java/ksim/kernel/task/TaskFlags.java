package ksim.kernel.task;

/** include/linux/sched.h: the PF_* per-task flags. */
public final class TaskFlags {
    private TaskFlags() {}

    public static final int PF_VCPU = 0x00000001;
    public static final int PF_IDLE = 0x00000002;
    public static final int PF_EXITING = 0x00000004;
    public static final int PF_POSTCOREDUMP = 0x00000008;
    public static final int PF_IO_WORKER = 0x00000010;
    public static final int PF_WQ_WORKER = 0x00000020;
    public static final int PF_FORKNOEXEC = 0x00000040;
    public static final int PF_MCE_PROCESS = 0x00000080;
    public static final int PF_SUPERPRIV = 0x00000100;
    public static final int PF_DUMPCORE = 0x00000200;
    public static final int PF_SIGNALED = 0x00000400;
    public static final int PF_MEMALLOC = 0x00000800;
    public static final int PF_NPROC_EXCEEDED = 0x00001000;
    public static final int PF_USED_MATH = 0x00002000;
    public static final int PF_USER_WORKER = 0x00004000;
    public static final int PF_NOFREEZE = 0x00008000;
    public static final int PF_KTHREAD = 0x00200000;
    public static final int PF_RANDOMIZE = 0x00400000;
    public static final int PF_NO_SETAFFINITY = 0x04000000;
}
