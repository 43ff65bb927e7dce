package ksim.scenario;

/**
 * A scenario (or another file ksim was given) that cannot be read or parsed: the message is
 * {@code FILE:LINE:COL: what}, or for a file that cannot be read at all (no position)
 * {@code cannot read FILE: REASON}.
 */
public final class ScenarioException extends Exception {
    public final String file;
    public final int line;
    public final int col;
    public final String detail;

    /** Longer details are cut in the middle: a 16 MiB name makes no 16 MiB message. */
    static final int MAX_DETAIL = 300;

    public ScenarioException(String file, int line, int col, String detail) {
        super(line > 0 ? file + ":" + line + ":" + col + ": " + printable(detail) : printable(detail));
        this.file = file;
        this.line = line;
        this.col = col;
        this.detail = printable(detail);
    }

    /** One line of bounded length whatever the file held: control characters as U+XXXX. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? String.format("U+%04X", c) : Character.toString(c)));
        if (b.length() > MAX_DETAIL) {
            b.replace(MAX_DETAIL * 2 / 3, b.length() - MAX_DETAIL / 3, "…");
        }
        return b.toString();
    }

    /** {@code cannot read FILE: REASON}, REASON worded as strerror(3) words it. */
    static ScenarioException unreadable(String file, String reason) {
        return new ScenarioException(file, 0, 0, "cannot read " + file + ": " + reason);
    }

    /** Whether the error has a position ({@code FILE:LINE:COL: …}) rather than being about the whole file. */
    public boolean positioned() {
        return line > 0;
    }
}
