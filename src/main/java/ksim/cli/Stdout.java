package ksim.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import ksim.scenario.InputFile;

/**
 * Standard output that remembers why a write failed. System.out is a PrintStream, which
 * swallows every IOException and only keeps a flag ({@code checkError()}); installed under it,
 * this stream keeps the first exception, so that a full disk, a closed descriptor or a reader
 * that went away is reported (as coreutils' close_stdout() does) instead of exiting 0 with the
 * output lost.
 */
final class Stdout extends FilterOutputStream {
    /** Thrown to stop a command early once its output is lost; Main reports it. */
    static final class Lost extends RuntimeException {
        Lost() {
            super(null, null, false, false);
        }
    }

    private static Stdout installed;
    private IOException error;

    private Stdout(OutputStream out) {
        super(out);
    }

    /** Makes System.out write through a new Stdout over {@code fd} (same charset, still flushed at each line). */
    static void install(OutputStream fd) {
        installed = new Stdout(fd);
        System.setOut(new PrintStream(new BufferedOutputStream(installed, 8192), true, System.out.charset()));
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (error == null) {
            error = e;
        }
        return e;
    }

    /**
     * Null while everything written to System.out so far has been written; else why not, as
     * strerror(3) words it ("No space left on device"). Flushes System.out first.
     */
    static String failure() {
        System.out.flush();
        if (!System.out.checkError()) {
            return null;
        }
        IOException e = installed == null ? null : installed.error;
        return e == null ? "Input/output error" : InputFile.reason(e);
    }

    /** Throws {@link Lost} once System.out has failed: for commands that print as they go, to stop early. */
    static void check() {
        if (System.out.checkError()) {
            throw new Lost();
        }
    }

    /** EPIPE: the reader went away (head, grep -m1), which a command in a pipeline should not complain about. */
    static boolean readerGone(String reason) {
        return reason.equals("Broken pipe");
    }
}
