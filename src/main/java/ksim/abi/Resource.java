package ksim.abi;

/**
 * include/uapi/asm-generic/resource.h: the resource limits of getrlimit() and setrlimit();
 * RLIM_INFINITY is ~0UL, so limits compare as unsigned numbers. include/uapi/linux/resource.h:
 * what getpriority() and setpriority() select by.
 */
public final class Resource {
    private Resource() {}

    public static final int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4,
            RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9,
            RLIMIT_LOCKS = 10, RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13,
            RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15, RLIM_NLIMITS = 16;
    public static final long RLIM_INFINITY = -1L;
    public static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;
    /** Whose usage getrusage() reports (RUSAGE_BOTH is wait4()'s internal value, not the call's). */
    public static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_BOTH = -2, RUSAGE_THREAD = 1;
}
