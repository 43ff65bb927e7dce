package ksim.scenario;

import java.util.BitSet;
import java.util.stream.Collectors;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.UserOp;
import ksim.kernel.task.UserPtr;

/**
 * The language reference's table of calls (docs/calls.md), written from the {@link CallTable}:
 * each call's arguments, what it does and prints, the system call it enters the kernel with,
 * where that call sleeps (crash's bt), and its C form in the recorder.
 */
public final class CallReference {
    private CallReference() {}

    /** The reference, as docs/calls.md holds it. */
    public static String markdown() {
        StringBuilder b = new StringBuilder("""
                # The calls of the scenario language

                Written from ksim's call table (`ksim.scenario.CallTable`, one row per call) by
                `CallReference`; the test suite checks that this file is what the table says. Each call
                behaves as the glibc function of the same name on Linux x86-64 and prints RESULT as the
                spec says: a failure is `-1 ERRNO`. *Enters as* is the system call the simulated kernel
                runs for it (*sleeps in*: the kernel functions below `schedule()` while it waits, as
                `ksim crash … bt` shows them); *C form* is what the recorder's generated program calls
                (`ksim_rt.h`).

                | call | what it does, and its RESULT | enters as | sleeps in | C form |
                | --- | --- | --- | --- | --- |
                """);
        for (CallTable.Row<?> r : CallTable.rows()) {
            UserOp op = sample(r);
            String entry = switch (op) {
                case Syscall s -> "`" + s.name() + "`";
                case Spin s -> "user mode";
            };
            String sleeps = op instanceof Syscall s && s.sleepFrames() != null ? "`" + s.sleepFrames().get(0) + "`" : "";
            b.append("| `").append(signature(r).replace("|", "\\|")).append("` | ").append(r.doc().replace("|", "\\|")).append(" | ")
                    .append(entry).append(" | ").append(sleeps).append(" | `").append(r.c().replace("|", "\\|"))
                    .append("` |\n");
        }
        return b.toString();
    }

    private static String signature(CallTable.Row<?> r) {
        return r.name() + "(" + r.args().stream().map(k -> k.doc).collect(Collectors.joining(", ")) + ")";
    }

    /** The request a row makes for arguments of no consequence (zeros, no names): to see which system call it is. */
    private static <O> UserOp sample(CallTable.Row<O> r) {
        return r.enter().enter(NO_ARGS, new UserPtr<>());
    }

    private static final CallTable.Args NO_ARGS = new CallTable.Args() {
        @Override
        public long value(int n) {
            return 0;
        }

        @Override
        public long signals(int n) {
            return 0;
        }

        @Override
        public BitSet cpus(int n) {
            return new BitSet();
        }

        @Override
        public int handler(int n) {
            return 0;
        }

        @Override
        public String word(int n) {
            return null;
        }

        @Override
        public String name(int n) {
            return "p";
        }

        @Override
        public int fd(String pipeEnd) {
            return -1;
        }

        @Override
        public int tgid() {
            return 1;
        }

        @Override
        public int tid() {
            return 1;
        }

        @Override
        public void bind(String name, long value) {
            throw new UnsupportedOperationException("a sample binds nothing");
        }
    };

    /** Prints the reference (to regenerate docs/calls.md). */
    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
