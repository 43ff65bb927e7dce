package ksim.verify;

import java.nio.file.Path;

/** One golden to check against this machine's kernel: a trace, a /proc capture, a ps capture. */
public interface Check {
    /** The scenario the golden belongs to. */
    Path scenario();

    /** The golden's kind, as the report groups them: "trace", "/proc", "ps", "recorder". */
    String kind();

    /** The golden file (or a name for a built-in check). */
    String name();

    /** Whether the golden measures CPU time (expect ~): it then runs with nothing else beside it. */
    boolean measured();

    /** Why it cannot be checked here, or null. */
    String skip();

    /** Runs the scenario on the real kernel once and compares what it gave with the golden. */
    Attempt attempt() throws Exception;
}
