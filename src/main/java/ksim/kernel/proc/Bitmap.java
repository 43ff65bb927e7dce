package ksim.kernel.proc;

import java.util.BitSet;

/** lib/vsprintf.c: bitmap_string() and bitmap_list_string(), the {@code %*pb} and {@code %*pbl} of cpumasks. */
final class Bitmap {
    private Bitmap() {}

    /**
     * {@code %*pb}: hex, 32 bits a chunk, most significant first, chunks separated by commas;
     * the first chunk is only as wide as the bits it holds ("3" for 2 CPUs), the others 8 digits.
     */
    static String string(BitSet bits, int nrBits) {
        StringBuilder sb = new StringBuilder();
        int chunksz = nrBits & 31;
        if (chunksz == 0) {
            chunksz = 32;
        }
        for (int i = ((nrBits + 31) & ~31) - 32; i >= 0; i -= 32) {
            long val = 0;
            for (int b = 0; b < chunksz; b++) {
                if (bits.get(i + b)) {
                    val |= 1L << b;
                }
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            String hex = Long.toHexString(val);
            for (int pad = (chunksz + 3) / 4 - hex.length(); pad > 0; pad--) {
                sb.append('0');
            }
            sb.append(hex);
            chunksz = 32;
        }
        return sb.toString();
    }

    /** {@code %*pbl}: ranges, "0-1", "0,2-3", a single bit alone. */
    static String list(BitSet bits, int nrBits) {
        StringBuilder sb = new StringBuilder();
        for (int start = bits.nextSetBit(0); start >= 0 && start < nrBits; ) {
            int end = Math.min(bits.nextClearBit(start), nrBits) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (end > start) {
                sb.append('-').append(end);
            }
            start = end + 1 < nrBits ? bits.nextSetBit(end + 1) : -1;
        }
        return sb.toString();
    }
}
