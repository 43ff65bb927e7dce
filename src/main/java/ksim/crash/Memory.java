package ksim.crash;

/**
 * ksim does not model memory; crash's VSZ/RSS/%MEM columns show the sizes /proc shows for
 * every user task (a small program on a real machine, see docs/proc-notes.md), and 0 for
 * kernel threads and zombies.
 */
final class Memory {
    private Memory() {}

    static final long VSZ_KB = ksim.kernel.proc.ProcFs.VM_SIZE_KB;
    static final long RSS_KB = ksim.kernel.proc.ProcFs.VM_RSS_KB;
    static final double PERCENT_MEM = 0.0;
}
