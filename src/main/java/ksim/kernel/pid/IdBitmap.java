package ksim.kernel.pid;

import java.util.Arrays;

/**
 * The IDR's bitmap of used numbers: one bit per number, words grown on demand. Unlike
 * java.util.BitSet it keeps no "words in use" count, so freeing the highest number costs
 * O(1) instead of a scan down the whole map (a PID cursor cycling up to pid_max would make
 * every exit pay for it).
 */
final class IdBitmap {
    private long[] words = new long[8];

    private void ensure(int word) {
        if (word >= words.length) {
            words = Arrays.copyOf(words, Math.max(words.length * 2, word + 1));
        }
    }

    void set(int nr) {
        ensure(nr >>> 6);
        words[nr >>> 6] |= 1L << nr;
    }

    void clear(int nr) {
        int w = nr >>> 6;
        if (w < words.length) {
            words[w] &= ~(1L << nr);
        }
    }

    boolean get(int nr) {
        int w = nr >>> 6;
        return w < words.length && (words[w] & (1L << nr)) != 0;
    }

    /** The first clear bit at or after {@code from}. */
    int nextClearBit(int from) {
        int w = from >>> 6;
        if (w >= words.length) {
            return from;
        }
        long word = ~words[w] & (-1L << from);
        while (word == 0) {
            if (++w == words.length) {
                return w << 6;
            }
            word = ~words[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }

    /** The first set bit at or after {@code from}, or -1. */
    int nextSetBit(int from) {
        int w = from >>> 6;
        if (w >= words.length) {
            return -1;
        }
        long word = words[w] & (-1L << from);
        while (word == 0) {
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }
}
