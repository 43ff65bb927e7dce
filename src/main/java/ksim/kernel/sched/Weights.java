package ksim.kernel.sched;

/**
 * kernel/sched/core.c sched_prio_to_weight[] and sched_prio_to_wmult[], and fair.c's
 * fixed-point __calc_delta(): how nice turns into CPU share.
 */
final class Weights {
    private Weights() {}

    static final long NICE_0_LOAD = 1024;
    static final long WMULT_NICE_0 = 4194304;
    /** WEIGHT_IDLEPRIO / WMULT_IDLEPRIO: SCHED_IDLE tasks. */
    static final long WEIGHT_IDLEPRIO = 3;
    static final long WMULT_IDLEPRIO = 1431655765;
    private static final long WMULT_CONST = 0xffffffffL;
    private static final int WMULT_SHIFT = 32;

    static final int[] PRIO_TO_WEIGHT = {
        /* -20 */ 88761, 71755, 56483, 46273, 36291,
        /* -15 */ 29154, 23254, 18705, 14949, 11916,
        /* -10 */ 9548, 7620, 6100, 4904, 3906,
        /*  -5 */ 3121, 2501, 1991, 1586, 1277,
        /*   0 */ 1024, 820, 655, 526, 423,
        /*   5 */ 335, 272, 215, 172, 137,
        /*  10 */ 110, 87, 70, 56, 45,
        /*  15 */ 36, 29, 23, 18, 15,
    };

    static final long[] PRIO_TO_WMULT = {
        /* -20 */ 48388, 59856, 76040, 92818, 118348,
        /* -15 */ 147320, 184698, 229616, 287308, 360437,
        /* -10 */ 449829, 563644, 704093, 875809, 1099582,
        /*  -5 */ 1376151, 1717300, 2157191, 2708050, 3363326,
        /*   0 */ 4194304, 5237765, 6557202, 8165337, 10153587,
        /*   5 */ 12820798, 15790321, 19976592, 24970740, 31350126,
        /*  10 */ 39045157, 49367440, 61356676, 76695844, 95443717,
        /*  15 */ 119304647, 148102320, 186737708, 238609294, 286331153,
    };

    /** __update_inv_weight(): WMULT_CONST / w for a sum of weights (a runqueue's load). */
    static long invWeight(long w) {
        if (w >= WMULT_CONST) {
            return 1;
        }
        return w == 0 ? WMULT_CONST : WMULT_CONST / w;
    }

    /** __calc_delta(): delta * weight / lw, with lw given by its inverse (exactly the kernel's rounding). */
    static long calcDelta(long delta, long weight, long lwInvWeight) {
        long fact = weight;
        int shift = WMULT_SHIFT;
        while ((fact >>> 32) != 0) {
            fact >>>= 1;
            shift--;
        }
        fact = fact * lwInvWeight; // mul_u32_u32
        while ((fact >>> 32) != 0) {
            fact >>>= 1;
            shift--;
        }
        return mulU64U32Shr(delta, fact, shift);
    }

    /** mul_u64_u32_shr(): (a * b) >> shift with a 96-bit intermediate. */
    static long mulU64U32Shr(long a, long b, int shift) {
        long lo = a * b;
        long hi = Math.unsignedMultiplyHigh(a, b);
        if (shift == 0) {
            return lo;
        }
        return (lo >>> shift) | (hi << (64 - shift));
    }

    /** calc_delta_fair(): delta in virtual time for an entity of this weight. */
    static long calcDeltaFair(long delta, SchedEntity se) {
        if (se.weight != NICE_0_LOAD) {
            return calcDelta(delta, NICE_0_LOAD, se.invWeight);
        }
        return delta;
    }
}
