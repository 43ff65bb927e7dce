package ksim.scenario;

/** A scenario that cannot be read or parsed: the message is {@code FILE:LINE:COL: what}. */
public final class ScenarioException extends Exception {
    public final String file;
    public final int line;
    public final int col;
    public final String detail;

    public ScenarioException(String file, int line, int col, String detail) {
        super(line > 0 ? file + ":" + line + ":" + col + ": " + detail : file + ": " + detail);
        this.file = file;
        this.line = line;
        this.col = col;
        this.detail = detail;
    }
}
