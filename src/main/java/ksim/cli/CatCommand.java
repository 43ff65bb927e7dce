package ksim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import ksim.kernel.proc.ProcView;
import ksim.scenario.Ast;
import ksim.scenario.InputFile;
import ksim.scenario.ProcDump;
import ksim.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ksim cat FILE --at TIME PATH...}: the simulated kernel's /proc at a moment of a scenario. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Run a scenario on the simulated kernel until TIME after main's block starts",
            "(the moment main's exec of itself returns to user mode, before its first",
            "statement), then print files of /proc as a reader in the scenario's PID",
            "namespace sees them (--host: the initial namespace, kernel threads included).",
            "There is no reader task, so /proc/self does not resolve (as for ksim capture).",
            "Exit status: 0 when every file was printed, 1 when one does not exist (a",
            "message on stderr, as cat prints it) or the scenario ended before TIME, 2 when",
            "FILE cannot be read or parsed."})
final class CatCommand implements Callable<Integer> {
    @Mixin
    ScenarioAt where;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH", description = "files of /proc (/proc/1/stat)")
    List<String> paths = List.of();

    @Option(names = "--all", description = "every task's stat, status and sched (and its threads'), as sections")
    boolean all;

    @Override
    public Integer call() throws IOException {
        Ast.Scenario sc = RunCommand.parseOrReport(where.command.name(), where.file);
        if (sc == null) {
            return 2;
        }
        if (!all && paths.isEmpty()) {
            System.err.println("ksim cat: name the files to print (PATH...), or --all");
            return 2;
        }
        ScenarioRunner.Inspection in = where.inspect(sc);
        if (in == null) {
            return 2;
        }
        if (where.endedBefore(in)) {
            return 1;
        }
        return print(dump(in.proc(), all, paths), "cat", all ? CaptureCommand.header(sc, where.at) : null, null);
    }

    /** PATH... as cat prints them, or with --all every task's files as sections. */
    static ProcDump.Out dump(ProcView v, boolean all, List<String> paths) {
        return all ? ProcDump.sections(v, ProcDump.allTaskPaths(v)) : ProcDump.cat(v, paths);
    }

    /**
     * Writes the text byte for byte (a /proc file is bytes; ISO-8859-1 keeps each one) to stdout
     * or {@code output}, then cat's messages; 1 when a file was missing.
     */
    static int print(ProcDump.Out out, String cmd, String header, Path output) throws IOException {
        byte[] bytes = ((header == null ? "" : header + "\n") + out.text()).getBytes(StandardCharsets.ISO_8859_1);
        if (output != null) {
            try {
                Files.write(output, bytes);
            } catch (IOException e) {
                System.err.println("ksim " + cmd + ": cannot write " + output + ": " + InputFile.reason(e));
                return 2;
            }
        } else {
            OutputStream os = System.out;
            os.write(bytes);
            os.flush();
        }
        for (String e : out.errors()) {
            System.err.println("ksim " + cmd + ": " + e);
        }
        return out.errors().isEmpty() ? 0 : 1;
    }

    /** A time as --at takes it, in the largest unit that keeps it whole. */
    static String formatTime(long ns) {
        if (ns % 1_000_000_000L == 0 && ns != 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + "ms";
        }
        return ns % 1_000L == 0 ? ns / 1_000L + "us" : ns + "ns";
    }
}
