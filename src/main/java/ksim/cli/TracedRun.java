package ksim.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ksim.kernel.trace.TraceBuffer;
import ksim.scenario.Ast;
import ksim.scenario.ScenarioRunner;
import ksim.trace.Exports;

/**
 * {@code ksim run FILE --ftrace OUT --perfetto OUT.json --gantt OUT.svg}: the run, traced,
 * and its trace written out. Every output is opened before the run starts, so a path that
 * cannot be written is reported at once (one line, exit 2) rather than after a long run.
 */
final class TracedRun {
    private TracedRun() {}

    /** An output file: where it goes and its open stream. */
    private record Out(Path path, OutputStream stream) {}

    static int run(Ast.Scenario sc, ScenarioRunner.Options opt, boolean dmesg, Path file, Path ftrace, Path perfetto,
            Path gantt) {
        if (!RunCommand.cpusValid(opt)) {
            return 2;
        }
        List<Out> opened = new ArrayList<>();
        try {
            Out ft = open(ftrace, opened);
            if (ftrace != null && ft == null) {
                return 2;
            }
            Out pf = open(perfetto, opened);
            if (perfetto != null && pf == null) {
                return 2;
            }
            Out gt = open(gantt, opened);
            if (gantt != null && gt == null) {
                return 2;
            }
            TraceBuffer buffer = new TraceBuffer();
            int status = RunCommand.runScenario(sc, opt, dmesg, buffer);
            int cpus = ScenarioRunner.config(sc, opt).cpus;
            Out now = null;
            try {
                if (ft != null) {
                    now = ft;
                    Exports.ftrace(buffer.events(), cpus, ft.stream());
                }
                if (pf != null) {
                    now = pf;
                    Exports.perfetto(buffer.events(), cpus, pf.stream());
                }
                if (gt != null) {
                    now = gt;
                    System.setProperty("java.awt.headless", "true");
                    String title = "ksim run " + file.getFileName() + " (seed " + ScenarioRunner.config(sc, opt).seed + ")";
                    Exports.gantt(buffer.events(), cpus, title, isPng(gt.path()), gt.stream());
                }
                for (Out o : opened) {
                    now = o;
                    o.stream().close();
                }
            } catch (IOException e) {
                System.err.println("ksim run: cannot write " + now.path() + ": " + reason(e));
                return 2;
            }
            return status;
        } finally {
            for (Out o : opened) {
                try {
                    o.stream().close();
                } catch (IOException ignored) {
                    // already reported, or closed
                }
            }
        }
    }

    static boolean isPng(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png");
    }

    /** Opens {@code path} for writing (null when not asked for); on failure says why on stderr and returns null. */
    private static Out open(Path path, List<Out> opened) {
        if (path == null) {
            return null;
        }
        try {
            if (Files.isDirectory(path)) {
                throw new IOException("is a directory");
            }
            Out o = new Out(path, new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
            opened.add(o);
            return o;
        } catch (IOException | SecurityException e) {
            System.err.println("ksim run: cannot write " + path + ": " + reason(e));
            return null;
        }
    }

    /** The cause as a person reads it: "No such file or directory", not an exception's class. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
