package ksim.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hostile input for the fuzz tests ({@link ParserFuzzTest}, ksim.cli.CliFuzzTest): random
 * bytes, random streams of the language's tokens, blocks nested to random depths, and
 * generated scenarios ({@link RandomLifecycleTest.Generator}) with a few random edits. Input
 * {@code i} of seed {@code s} is always the same bytes, so a failure names both and
 * {@code -Dksim.fuzz.seed=s} replays it.
 */
public final class FuzzInputs {
    private FuzzInputs() {}

    /** The seed (-Dksim.fuzz.seed, else a fixed one) and how many inputs (-Dksim.fuzz.inputs, else {@code n}). */
    public static long seed() {
        return Long.getLong("ksim.fuzz.seed", 20261204L);
    }

    public static int count(int n) {
        return Integer.getInteger("ksim.fuzz.inputs", n);
    }

    public enum Kind { BYTES, TOKENS, NESTING, EDITED }

    public record Input(long seed, int index, Kind kind, byte[] bytes) {
        /** How a failure names it: where it came from, and its text with unprintable bytes escaped (long ones cut). */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(bytes.length, 2000); i++) {
                int c = bytes[i] & 0xff;
                b.append(c == '\n' ? "\n" : c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
            return "fuzz input #" + index + " of seed " + seed + " (" + kind + ", " + bytes.length
                    + " bytes; replay with -Dksim.fuzz.seed=" + seed + "):\n" + b + (bytes.length > 2000 ? "…" : "");
        }
    }

    /** Input {@code index} of {@code seed}; the four kinds in turn. */
    public static Input make(long seed, int index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + index);
        Kind kind = Kind.values()[index % Kind.values().length];
        String text = switch (kind) {
            case BYTES -> null;
            case TOKENS -> tokens(r);
            case NESTING -> nesting(r);
            case EDITED -> edited(r);
        };
        return new Input(seed, index, kind, text == null ? bytes(r) : text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Bytes, a quarter of them any bytes at all (rarely valid UTF-8), the rest almost text: the
     * language's punctuation and words, NUL, a byte-order mark, now and then a broken UTF-8 sequence.
     */
    private static byte[] bytes(Random r) {
        String[] pieces = {"main", "{", "}", "(", ")", ",", "|", "=", "~", "-", "#", "\"", ".", "\n", "\r", "\t", " ",
            "fork a", "getpid()", "0", "9", "ms", "\0", "\u00e9", "\uFEFF", "\u2603"};
        if (r.nextInt(4) == 0) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            return b;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int n = r.nextInt(80); n > 0; n--) {
            if (r.nextInt(200) == 0) {
                out.write(0x80 + r.nextInt(0x80)); // a lone continuation or lead byte
            } else {
                out.writeBytes(pieces[r.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Words of the language, right and wrong, in random order; half the time inside main { }. */
    private static final String[] WORDS = {"cpus", "hz", "seed", "sched", "pid_max", "title", "main", "fork", "vfork",
        "thread", "clone", "exec", "repeat", "expect", "catch", "a", "b", "w", "p", "a.1", "w.2", "p.r", "p.w", "a.0",
        "a.99999999999999999999", "x.y", "SIGCHLD", "SIGKILL", "WNOHANG", "CLONE_NEWPID", "CLONE_THREAD", "SIG_IGN",
        "SIG_DFL", "P_PID", "RLIMIT_NPROC", "RLIM_INFINITY", "PR_SET_NAME", "SIGFOO", "Mixed", "0", "1", "2", "-1",
        "4096", "9223372036854775807", "99999999999999999999", "0ns", "1us", "20ms", "2s", "9223372036854775807ns",
        "20min", "5s5", "\"t\"", "\"open", "{", "}", "(", ")", ",", "|", "=", "~", "-", "\n", "\n", "\n", "# note\n",
        "within", "5%", "exited(0)", "@", "\u00e9", "\t"};

    private static String tokens(Random r) {
        List<String> calls = new ArrayList<>();
        CallTable.names().forEach(calls::add);
        StringBuilder b = new StringBuilder(r.nextBoolean() ? "main {\n" : "");
        for (int n = r.nextInt(60); n > 0; n--) {
            b.append(r.nextInt(4) == 0 ? calls.get(r.nextInt(calls.size())) : WORDS[r.nextInt(WORDS.length)]);
            b.append(r.nextInt(5) == 0 ? "" : " ");
        }
        return b.append(r.nextBoolean() ? "\n}\n" : "").toString();
    }

    /** Blocks opened to a random depth (often right at the limit, sometimes thousands), closed or not quite. */
    private static String nesting(Random r) {
        int depth = switch (r.nextInt(4)) {
            case 0 -> r.nextInt(12);
            case 1 -> Parser.MAX_DEPTH - 2 + r.nextInt(5);
            case 2 -> r.nextInt(2 * Parser.MAX_DEPTH);
            default -> 1000 + r.nextInt(20_000);
        };
        String[] openers = {"repeat 1", "repeat 0", "repeat 2", "repeat 99999999999", "fork t%d", "vfork t%d", "thread t%d",
            "clone t%d 0", "clone t%d SIGCHLD", "exec p%d", "fork", "repeat"};
        String one = r.nextInt(3) == 0 ? null : openers[r.nextInt(openers.length)];
        StringBuilder b = new StringBuilder("main {\n");
        for (int d = 1; d < depth; d++) {
            b.append((one != null ? one : openers[r.nextInt(openers.length)]).formatted(d)).append(" {\n");
            if (r.nextInt(20) == 0) {
                b.append("getpid()\n");
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> b.append("repeat ").append(EXTREMES[r.nextInt(EXTREMES.length)]).append(" {\n}\n"); // nothing to do, many times
            case 1 -> { }
            default -> b.append("getppid()\n");
        }
        int close = depth + r.nextInt(3) - 1;
        return b.append("}\n".repeat(Math.max(0, close))).toString();
    }

    private static final String[] EXTREMES = {"0", "1", "4096", "99999999999", "9223372036854775807",
        "99999999999999999999"};
    private static final String[] SUFFIXES = {".1", ".0", ".99999999999999999999", ".99999999999999999999", ".r", ".x"};

    /**
     * A generated lifecycle scenario (valid), then up to three edits: lines dropped, doubled,
     * swapped or cut short, a word replaced, a number made extreme, a name given a suffix.
     */
    private static String edited(Random r) {
        String src = new RandomLifecycleTest.Generator(new Random(r.nextLong())).scenario();
        List<String> lines = new ArrayList<>(List.of(src.split("\n", -1)));
        for (int n = r.nextInt(4); n > 0 && !lines.isEmpty(); n--) {
            int op = Math.min(r.nextInt(9), 6); // a third of the edits give a reference a suffix
            // a number or a reference to edit is on some lines only: pick one of those
            String on = op == 5 ? ".*[0-9].*" : op == 6 ? ".*\\bt[0-9]+\\b(?! \\{).*" : ".*";
            List<Integer> candidates = new ArrayList<>();
            for (int k = 0; k < lines.size(); k++) {
                if (lines.get(k).matches(on)) {
                    candidates.add(k);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            int i = candidates.get(r.nextInt(candidates.size()));
            switch (op) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(i));
                case 2 -> java.util.Collections.swap(lines, i, r.nextInt(lines.size()));
                case 3 -> lines.set(i, lines.get(i).replaceFirst("[A-Za-z0-9_]+", WORDS[r.nextInt(WORDS.length)]));
                case 4 -> lines.set(i, lines.get(i).substring(0, r.nextInt(lines.get(i).length() + 1)));
                case 5 -> lines.set(i, lines.get(i).replaceFirst("\\b[0-9]+", EXTREMES[r.nextInt(EXTREMES.length)]));
                default -> lines.set(i, lines.get(i).replaceFirst("\\b(t[0-9]+)\\b(?! \\{)",
                        "$1" + SUFFIXES[r.nextInt(SUFFIXES.length)]));
            }
        }
        return String.join("\n", lines);
    }

    /**
     * Whether a parsed scenario is cheap to run: few statements executed (repeat counts
     * multiplied out) and little CPU time spun. A random edit can make {@code repeat 3} a
     * {@code repeat 9223372036854775807}, which is a long run by request, not a hang.
     */
    public static boolean cheapToRun(Ast.Scenario sc) {
        long[] cost = {0, 0}; // statements, spin ns
        cost(sc.main(), 1, cost);
        return cost[0] <= 5_000 && cost[1] <= 20_000_000_000L;
    }

    private static void cost(Ast.Block b, long times, long[] cost) {
        for (Ast.Stmt s : b.stmts()) {
            cost[0] = Math.min(cost[0] + times, MANY);
            switch (s) {
                case Ast.Repeat rp -> cost(rp.body(), times(times, rp.count()), cost);
                case Ast.Spawn sp -> cost(sp.body(), times, cost);
                case Ast.Exec e -> cost(e.body(), times, cost);
                case Ast.Call c when c.fn().equals("spin") ->
                    cost[1] = Math.min(cost[1] + times(times, ((Ast.DurationArg) c.args().get(0)).ns()), MANY);
                default -> { }
            }
        }
    }

    /** Where counting stops: two of them still add up without overflow. */
    private static final long MANY = 1L << 60;

    /** a * b, or MANY when that is more (a and b are at most MANY, b not negative). */
    private static long times(long a, long b) {
        return b != 0 && a > MANY / b ? MANY : a * b;
    }

    /**
     * The per-input bound on time: {@code c}'s answer, or an AssertionError when there is none
     * within {@code limit} (a hang: the limit is a hundred times what any input needs, so it is
     * no speed assertion). It runs on a thread with half the usual stack, so that a parser or
     * tree walk that recursed too deep would show here first.
     */
    public static <T> T within(Duration limit, Callable<T> c) throws Exception {
        Future<T> f = GUARD.submit(c);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("no answer within " + limit.toSeconds() + " s: a hang");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static final ExecutorService GUARD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "fuzz-input", 512 << 10);
        t.setDaemon(true);
        return t;
    });
}
