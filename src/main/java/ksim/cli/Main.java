package ksim.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ksim} command line. */
@Command(name = "ksim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "The Linux process-management subsystem as a deterministic simulated kernel.",
            "Runs scenarios (.ksim files) as processes of a simulated machine and prints",
            "what they saw, exactly as the same scenario prints on a real Linux kernel."})
public final class Main implements Runnable {
    /**
     * The subcommands by name (their {@code @Command} name), in the order the usage lists them.
     * picocli builds a command's model by reflection over its annotations, a noticeable share of
     * start-up: a command line builds only the subcommand it runs.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("run", RunCommand.class);
        SUBCOMMANDS.put("record", RecordCommand.class);
        SUBCOMMANDS.put("diff", DiffCommand.class);
        SUBCOMMANDS.put("cat", CatCommand.class);
        SUBCOMMANDS.put("ps", PsCommand.class);
        SUBCOMMANDS.put("pstree", PstreeCommand.class);
        SUBCOMMANDS.put("crash", CrashCommand.class);
        SUBCOMMANDS.put("capture", CaptureCommand.class);
        SUBCOMMANDS.put("conformance", ConformanceCommand.class);
        SUBCOMMANDS.put("verify", VerifyCommand.class);
        SUBCOMMANDS.put("demo", DemoCommand.class);
        SUBCOMMANDS.put("bench", BenchCommand.class);
        SUBCOMMANDS.put("test", TestCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Stdout.install(new FileOutputStream(FileDescriptor.out));
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams; returns the exit status. Output that could
     * not be written to System.out (a full disk, a closed descriptor) is an error: one line on
     * stderr and exit 2 — but a reader that went away (EPIPE: {@code ksim run F | head}) ends the
     * command quietly with 141, the status of a program killed by SIGPIPE, as cat's would be.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args, out, err);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // a 16 MiB scenario's C program, say, on a small heap: what it needs is gone again here
            err.println(name(cl) + ": out of memory (the Java heap holds " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB; JAVA_TOOL_OPTIONS=-Xmx4g gives it more)");
            return 2;
        }
        out.flush();
        String lost = Stdout.failure();
        if (lost == null) {
            return code;
        }
        if (Stdout.readerGone(lost)) {
            return 141;
        }
        err.println(name(cl) + ": cannot write standard output: " + lost);
        return Math.max(code, 2);
    }

    /** "ksim CMD" for messages, or "ksim" before a command was recognised. */
    private static String name(CommandLine cl) {
        CommandLine.ParseResult pr = cl.getParseResult();
        return pr == null || pr.subcommand() == null ? "ksim" : "ksim " + pr.subcommand().commandSpec().name();
    }

    private static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (only != null && only != CommandLine.HelpCommand.class) {
            cl.addSubcommand(only); // help, the usage and "did you mean" need them all
        } else {
            SUBCOMMANDS.values().forEach(cl::addSubcommand);
        }
        cl.setOut(out);
        cl.setErr(err);
        // ps's own options look like options (ksim ps FILE --at 300ms -ef): they are its FORMAT
        CommandLine ps = cl.getSubcommands().get("ps");
        if (ps != null) {
            ps.setUnmatchedOptionsArePositionalParams(true);
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof Stdout.Lost) {
                return 2; // stopped early: execute() says why
            }
            // a Java exception is a ksim bug: say so in one line, with the way to report it
            err.println("ksim: internal error: " + ex);
            StackTraceElement[] st = ex.getStackTrace();
            if (st.length > 0) {
                err.println("ksim:   at " + st[0]);
            }
            err.println("ksim: this is a bug in ksim; please report it with the scenario that caused it");
            return 3;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("ksim: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return 2;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/ksim/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"ksim " + p.getProperty("version", "unknown")
                    + " (simulating Linux 6.x process management; Java " + Runtime.version() + ")"};
        }
    }
}
