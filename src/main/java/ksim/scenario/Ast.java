package ksim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** The scenario language's syntax tree. Every node knows where it was written. */
public final class Ast {
    private Ast() {}

    /** A position in the source file. */
    public record Pos(int line, int col) {}

    /** The optional header: the simulated machine. Null fields were not given. */
    public record Header(Integer cpus, Integer hz, Long seed, String sched, Integer pidMax, String title) {}

    public record Scenario(String file, Header header, Block main) {}

    public record Block(List<Stmt> stmts) {}

    public sealed interface Stmt permits Spawn, Exec, Repeat, Call, Expect {
        Pos pos();
    }

    public enum SpawnKind { FORK, VFORK, THREAD, CLONE }

    /**
     * fork/vfork/thread/clone NAME [FLAGS] { … }; {@code id} numbers spawn statements for NAME.k
     * counting; {@code text} is the trace TEXT, made once (the statement may run a million times).
     */
    public record Spawn(SpawnKind kind, String name, Arg flags, Block body, int id, boolean inRepeat, Pos pos,
            String text) implements Stmt {
        public Spawn(SpawnKind kind, String name, Arg flags, Block body, int id, boolean inRepeat, Pos pos) {
            this(kind, name, flags, body, id, inRepeat, pos, kind.name().toLowerCase() + " " + name
                    + (flags == null ? "" : " " + flags.text()));
        }
    }

    public record Exec(String name, Block body, Pos pos) implements Stmt {}

    public record Repeat(long count, Block body, Pos pos) implements Stmt {}

    /** A call: {@code fn(args)}; {@code text} is its trace TEXT: single spaces after commas, none inside parentheses. */
    public record Call(String fn, List<Arg> args, Pos pos, String text) implements Stmt {
        public Call(String fn, List<Arg> args, Pos pos) {
            this(fn, args, pos, fn + "(" + args.stream().map(Arg::text).collect(Collectors.joining(", ")) + ")");
        }
    }

    /** expect CALL = RESULT, or expect CALL ~ VALUE [within P%] ({@code approx} set, {@code expected} its text). */
    public record Expect(Call call, String expected, Approx approx, Pos pos) implements Stmt {}

    /** Arguments. */
    public sealed interface Arg permits NameArg, IntArg, DurationArg, SymbolArg, SetArg {
        String text();

        Pos pos();
    }

    /** A task or pipe name, possibly negated ({@code -NAME}: a process group). */
    public record NameArg(String name, boolean negated, Pos pos) implements Arg {
        @Override
        public String text() {
            return negated ? "-" + name : name;
        }
    }

    public record IntArg(long value, Pos pos) implements Arg {
        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    public record DurationArg(long ns, String written, Pos pos) implements Arg {
        @Override
        public String text() {
            return written;
        }
    }

    /** Symbols and integers ORed together: {@code CLONE_PARENT|SIGCHLD}. */
    public record SymbolArg(List<String> parts, long value, Pos pos) implements Arg {
        @Override
        public String text() {
            return String.join("|", parts);
        }
    }

    /** {@code {0,1}} or {@code {SIGUSR1,SIGTERM}}. */
    public record SetArg(List<Arg> elements, Pos pos) implements Arg {
        @Override
        public String text() {
            return "{" + elements.stream().map(Arg::text).collect(Collectors.joining(", ")) + "}";
        }
    }
}
