package ksim.crash;

/**
 * ksim does not model memory; crash's VSZ/RSS/%MEM columns show the sizes of a small
 * statically linked program (what the recorder's scenario programs use on a real machine),
 * the same for every user task, and 0 for kernel threads.
 */
final class Memory {
    private Memory() {}

    static final long VSZ_KB = 2552;
    static final long RSS_KB = 1104;
    static final double PERCENT_MEM = 0.0;
}
