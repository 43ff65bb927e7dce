package ksim.abi;

/** include/uapi/linux/limits.h. */
public final class Limits {
    private Limits() {}

    /** The most bytes a write() to a pipe puts in at once, never interleaved with another's. */
    public static final int PIPE_BUF = 4096;
}
