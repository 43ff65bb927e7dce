package ksim.tools;

/**
 * procps's two escape_str()s in the C/POSIX locale (not UTF-8): library/escape.c's (what
 * readproc applies to comm and cmdline) and ps/output.c's (what ps applies when printing,
 * with a limit in screen cells). Strings are byte strings, one char per byte.
 */
final class ProcEscape {
    /** readproc.c MAX_BUFSZ: the most of a cmdline read. */
    static final int MAX_BUFSZ = 1024 * 64 * 2;

    private ProcEscape() {}

    /**
     * library/escape.c escape_str() with a non-UTF-8 codeset (esc_all): controls and DEL
     * become '.', bytes from 0x80 '?'; at most bufsize-1 bytes are kept.
     */
    static String libEscape(String src, int bufsize) {
        int n = Math.min(src.length(), bufsize - 1);
        int nul = src.indexOf('\0');
        if (nul >= 0 && nul < n) {
            n = nul;
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = src.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                c = '.';
            } else if (c >= 0x80) {
                c = '?';
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * ps/output.c escape_str() (the 8-bit path): at most {@code maxCells} characters, with
     * the same replacements. Returns the text; its length is the cells used.
     */
    static String psEscape(String src, int maxCells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < src.length() && b.length() < maxCells; i++) {
            char c = src.charAt(i);
            if (c == '\0') {
                break;
            }
            if (c < 0x20 || c == 0x7f) {
                c = '.';
            } else if (c >= 0x80) {
                c = '?';
            }
            b.append(c);
        }
        return b.toString();
    }
}
