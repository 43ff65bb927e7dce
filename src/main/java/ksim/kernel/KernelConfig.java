package ksim.kernel;

/** The simulated machine: what a scenario's header and the command line configure. */
public final class KernelConfig {
    /** PID_MAX_DEFAULT and PID_MAX_LIMIT (include/linux/threads.h). */
    public static final int PID_MAX_DEFAULT = 0x8000;
    public static final int PID_MAX_LIMIT = 4 * 1024 * 1024;

    public enum SchedMode { CFS, EEVDF }

    public int cpus = 2;
    public int hz = 250;
    public long seed = 0;
    public SchedMode sched = SchedMode.EEVDF;
    public int pidMax = PID_MAX_DEFAULT;
    public CostModel costs = new CostModel();
    /**
     * max_threads (kernel/fork.c): RAM / (8 * THREAD_SIZE), /proc/sys/kernel/threads-max;
     * 192686 on this project's 24 GiB machines. The first tasks' RLIMIT_NPROC and
     * RLIMIT_SIGPENDING are half of it (set_max_threads(), init_signal()).
     */
    public int maxThreads = 192686;
    /** Built-in modules to load at boot (see kernel/kthread/Modules). */
    public java.util.List<String> modules = new java.util.ArrayList<>();

    public long tickNs() {
        return 1_000_000_000L / hz;
    }

    /** Checks ranges; returns a message for the first bad value, or null. */
    public String validate() {
        if (cpus < 1 || cpus > 4096) {
            return "cpus must be between 1 and 4096";
        }
        if (hz < 100 || hz > 1000) {
            return "hz must be between 100 and 1000";
        }
        if (pidMax < 301 || pidMax > PID_MAX_LIMIT) {
            return "pid_max must be between 301 and " + PID_MAX_LIMIT;
        }
        return null;
    }
}
