package ksim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ksim.kernel.proc.RealProcView;
import ksim.tools.ProcSnapshot;
import ksim.tools.RealTools;

/**
 * The real procps ps and psmisc pstree at a moment of a scenario on the real kernel
 * ({@code ksim capture FILE --at TIME --ps FORMAT --pstree ARGS}): at TIME after main's block
 * starts, {@link Capture} copies what the tools read from the scenario's own /proc
 * ({@link ProcSnapshot}: every task's stat, status, cmdline and wchan, its threads', /proc/stat,
 * uptime, meminfo, pid_max, tty/drivers), the scenario is killed, and then each tool runs over
 * the copy as PID 1 of a namespace of its own ({@link RealTools}). The tools thus see the
 * scenario's processes as a ps run inside it would, but without adding itself to them, and
 * all of them see the same moment.
 *
 * <p>They run in the C locale, TZ=UTC, with a user database holding only root, and with
 * standard output a pipe: what {@code ksim ps} and {@code ksim pstree} assume of the
 * simulated system, so that only the kernel's files differ between the two.
 */
public final class ToolCapture {
    private ToolCapture() {}

    /** One tool's command line ({@code ps -ef}) and what it printed, or why it failed (then null). */
    public record Output(List<String> command, String text, String error) {
        /** The command line as one string: "ps -ef", "pstree -A -p". */
        public String commandLine() {
            return String.join(" ", command);
        }
    }

    /**
     * Runs {@code sc} on the real kernel, copies its /proc {@code atNs} after main's block
     * starts, and runs each command over the copy. The result's value is null when main never
     * started.
     *
     * @param commands argument vectors whose first word is {@code ps} or {@code pstree}
     */
    public static Capture.Result<List<Output>> capture(Ast.Scenario sc, long atNs, List<List<String>> commands,
            Duration timeout) throws Recorder.Unavailable, Recorder.Failure, IOException, InterruptedException {
        for (List<String> c : commands) {
            if (c.isEmpty() || !(c.get(0).equals("ps") || c.get(0).equals("pstree"))) {
                throw new IllegalArgumentException("only ps and pstree run over the copy, not " + c);
            }
        }
        String why = RealTools.unavailable();
        if (why != null) {
            throw new Recorder.Unavailable(why);
        }
        Path copy = ProcSnapshot.newDir(Path.of(System.getProperty("java.io.tmpdir")));
        try {
            Capture.Result<Boolean> r;
            try {
                r = Capture.captureRoot(sc, atNs, root -> snapshot(root, copy), timeout);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (!r.started()) {
                return new Capture.Result<>(null, r.errors(), false);
            }
            List<Output> out = new ArrayList<>();
            for (List<String> c : commands) {
                try {
                    out.add(new Output(c, RealTools.run(copy, c, RealTools.Env.simulated()), null));
                } catch (IOException e) {
                    out.add(new Output(c, null, e.getMessage()));
                }
            }
            return new Capture.Result<>(out, r.errors(), true);
        } finally {
            ProcSnapshot.delete(copy);
        }
    }

    /** Copies the scenario's /proc at {@code root}, each /proc/PID owned as the original (pstree stat()s it). */
    private static boolean snapshot(Path root, Path copy) {
        try {
            ProcSnapshot.write(new RealProcView(root), copy, pid -> {
                try {
                    return (Integer) Files.getAttribute(root.resolve(Integer.toString(pid)), "unix:uid");
                } catch (IOException e) {
                    return 0; // gone meanwhile: its files were not copied either
                }
            });
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
