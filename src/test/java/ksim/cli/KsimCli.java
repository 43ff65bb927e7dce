package ksim.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Test helper: runs the command line in-process, capturing what it prints and its exit status. */
final class KsimCli {
    private KsimCli() {}

    record Result(int code, String out, String err) {}

    /** Commands print both through System.out/err and picocli's writers; both are captured. */
    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picoOut = new StringWriter();
        StringWriter picoErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args, new PrintWriter(picoOut, true), new PrintWriter(picoErr, true));
            System.out.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8) + picoOut,
                    err.toString(StandardCharsets.UTF_8) + picoErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * As {@link #run}, with standard output going to {@code stdout} as Main.main sets it up (through
     * {@link Stdout}): to see what a command does when its output cannot be written. Only stderr is kept.
     */
    static synchronized Result runTo(OutputStream stdout, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picoErr = new StringWriter();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Stdout.install(stdout);
            int code = Main.execute(args, new PrintWriter(System.out, true), new PrintWriter(picoErr, true));
            return new Result(code, "", err.toString(StandardCharsets.UTF_8) + picoErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
