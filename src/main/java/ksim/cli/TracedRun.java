package ksim.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ksim.kernel.trace.TraceBuffer;
import ksim.scenario.Ast;
import ksim.scenario.InputFile;
import ksim.scenario.ScenarioRunner;
import ksim.trace.Exports;

/**
 * {@code ksim run FILE --ftrace OUT --perfetto OUT.json --gantt OUT.svg}: the run, traced,
 * and its trace written out. The outputs are checked (two options naming one file, or the
 * scenario itself, or a picture that is neither .svg nor .png) and opened before the run
 * starts, so a path that cannot be written is reported at once (one line, exit 2) rather than
 * after a long run; what only writing can show (a full disk) is reported the same way after it.
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
        String bad = badOutputs(file, ftrace, perfetto, gantt);
        if (bad != null) {
            System.err.println("ksim run: " + bad);
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
                System.err.println("ksim run: cannot write " + now.path() + ": " + InputFile.reason(e));
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
        return hasExtension(p, ".png");
    }

    private static boolean hasExtension(Path p, String ext) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext);
    }

    /** Why the outputs cannot be written as asked, or null: checked before anything is opened or run. */
    static String badOutputs(Path input, Path ftrace, Path perfetto, Path gantt) {
        if (gantt != null && !hasExtension(gantt, ".svg") && !isPng(gantt)) {
            return "--gantt " + gantt + ": the picture is SVG or PNG; name it OUT.svg or OUT.png";
        }
        Map<String, Path> outs = new LinkedHashMap<>();
        outs.put("--ftrace", ftrace);
        outs.put("--perfetto", perfetto);
        outs.put("--gantt", gantt);
        outs.values().removeIf(p -> p == null || isDevice(p));
        List<String> opts = List.copyOf(outs.keySet());
        for (int i = 0; i < opts.size(); i++) {
            Path p = outs.get(opts.get(i));
            if (sameFile(p, input)) {
                return opts.get(i) + " " + p + " is the scenario itself; it would be overwritten";
            }
            for (int j = i + 1; j < opts.size(); j++) {
                if (sameFile(p, outs.get(opts.get(j)))) {
                    return opts.get(i) + " and " + opts.get(j) + " both name " + p + "; each output needs its own file";
                }
            }
        }
        return null;
    }

    /** An existing file that is not a regular one (/dev/null, a FIFO): writing it twice overwrites nothing. */
    private static boolean isDevice(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }

    /** Whether two paths name one file: the same inode when both exist, else the same place once links are resolved. */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // compare the names instead
        }
        return resolved(a).equals(resolved(b));
    }

    private static Path resolved(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.getParent() == null ? abs : abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }

    /** Opens {@code path} for writing (null when not asked for); on failure says why on stderr and returns null. */
    private static Out open(Path path, List<Out> opened) {
        if (path == null) {
            return null;
        }
        try {
            if (Files.isDirectory(path)) {
                throw new IOException("Is a directory");
            }
            Out o = new Out(path, new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
            opened.add(o);
            return o;
        } catch (IOException | SecurityException e) {
            System.err.println("ksim run: cannot write " + path + ": " + InputFile.reason(e));
            return null;
        }
    }

}
