package ksim.kernel.proc;

/**
 * Values /proc shows for things ksim does not model (memory, addresses, PELT averages,
 * capabilities' exact sets, the console's interrupts): constants read from a real process on
 * this project's machine (Linux 6.18, 2 CPUs): main of inspect/sleeping.ksim, 300 ms after its
 * block started, captured with {@code ksim capture}. docs/proc-notes.md lists each choice.
 */
final class Unmodelled {
    private Unmodelled() {}

    // ---- /proc/PID/stat -------------------------------------------------------------
    /** minflt: page faults. cminflt, majflt and cmajflt are 0, as for the real main. */
    static final long MIN_FLT = 132;
    /** task_vsize(): total_vm pages, in bytes (VmSize 14204 kB). */
    static final long VSIZE = 14544896L;
    /** get_mm_rss(), in pages. */
    static final long RSS = 256;
    /** mm->start_code, end_code, start_stack, start_data, end_data, start_brk, arg_start (ASLR-placed). */
    static final long START_CODE = 94460164395008L;
    static final long END_CODE = 94460164404581L;
    static final long START_STACK = 140724292553312L;
    static final long START_DATA = 94460164414032L;
    static final long END_DATA = 94460164415672L;
    static final long START_BRK = 94460541726720L;
    static final long ARG_START = 140724292561495L;
    /** KSTK_ESP / KSTK_EIP of an exiting task (the only one whose registers stat shows): in its stack, and in libc. */
    static final long KSTK_ESP = 140724292552920L;
    static final long KSTK_EIP = 139875237017437L;

    // ---- /proc/PID/statm (pages) ----------------------------------------------------
    static final long STATM_SIZE = 3551, STATM_RESIDENT = 282, STATM_SHARED = 257, STATM_TEXT = 3, STATM_DATA = 202;

    // ---- /proc/PID/status -----------------------------------------------------------
    /** fs->umask: the recorder's (and a login shell's) 022. */
    static final int UMASK = 0022;
    /** task_mem(): VmPeak … VmSwap in kB, in the kernel's order, then HugetlbPages. */
    static final String[] VM_NAMES = {"VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM", "VmRSS", "RssAnon", "RssFile",
        "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap", "HugetlbPages"};
    static final long[] VM_KB = {14204, 14204, 0, 0, 1128, 1128, 100, 1024, 4, 676, 132, 12, 1528, 48, 0, 0};
    /** cap_permitted / cap_effective of root, and every task's bounding set: this machine's (bit 24, CAP_SYS_RESOURCE, is not in it). */
    static final long CAP_FULL = 0x000001fffeffffffL;
    static final String SPECULATION_STORE_BYPASS = "vulnerable";
    static final String SPECULATION_INDIRECT_BRANCH = "always enabled";
    /** Mems_allowed: one NUMA node, printed over MAX_NUMNODES (1024) bits. */
    static final int MAX_NUMNODES = 1024;

    // ---- /proc/PID/sched ------------------------------------------------------------
    /** se.avg (PELT): a task that mostly sleeps. last_update_time follows exec_start instead. */
    static final long AVG_LOAD_SUM = 47105, AVG_RUNNABLE_SUM = 11505891, AVG_UTIL_SUM = 11319579,
            AVG_LOAD_AVG = 1024, AVG_RUNNABLE_AVG = 245, AVG_UTIL_AVG = 241, AVG_UTIL_EST = 238;
    /** clock-delta: two cpu_clock() reads in a row, in ns. */
    static final long CLOCK_DELTA = 70;

    // ---- /proc/stat -----------------------------------------------------------------
    /** btime: ksim's machine booted at 2026-01-01 00:00:00 UTC (a fixed epoch keeps output deterministic). */
    static final long BTIME = 1767225600L;
    /** nr_irqs on this machine: the number of per-interrupt counts after intr's total. */
    static final int NR_IRQS = 424;
    /** NR_SOFTIRQS: HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED, HRTIMER, RCU. */
    static final int NR_SOFTIRQS = 10;
}
