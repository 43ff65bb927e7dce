package ksim.scenario;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.task.Task;

/**
 * How a scenario run ended. It ran to its end when nothing was left to happen and no task of
 * the scenario was left alive (main's exit takes every other task of its namespace with it).
 * Otherwise it did not, as a real-kernel recording stopped by its --timeout does not:
 * <ul>
 * <li>{@code DEADLOCK}: nothing is due any more — no timer, no task that can run — yet tasks
 *     of the scenario are still alive (blocked, or stopped), so none of them can ever run
 *     again. Tasks asleep with their timer still due are not deadlocked, however long the
 *     timer (they meet --max-time instead); kernel threads asleep for good are normal, and so
 *     is init's pause() once main is gone.</li>
 * <li>{@code MAX_TIME}: the run still had something to do at its simulated-time limit.</li>
 * <li>{@code TIMEOUT}: the run was still going at its wall-clock limit.</li>
 * <li>{@code ERROR}: a statement named a task that did not exist (a scenario error, found at
 *     run time).</li>
 * </ul>
 * An {@code expect} that no task reached in a run that did not end counts as failed.
 */
public record RunEnd(Kind kind, String message, List<String> unreached) {
    public enum Kind { FINISHED, DEADLOCK, MAX_TIME, TIMEOUT, ERROR }

    public boolean ranToItsEnd() {
        return kind == Kind.FINISHED;
    }

    /**
     * {@code ksim run}'s exit status: 0 when the scenario ran to its end and every expect held;
     * 1 when an expect failed or was not reached, or the run did not end (deadlock, a limit:
     * ksim record exits 1 when its --timeout stops a run); 2 for a scenario error, as for one
     * the parser finds.
     */
    public int exitCode(boolean expectFailed) {
        return switch (kind) {
            case FINISHED -> expectFailed ? 1 : 0;
            case ERROR -> 2;
            default -> 1;
        };
    }

    /** How the run of {@code sc} on {@code ctx.kernel} ended, now that it has stopped. */
    static RunEnd of(Ast.Scenario sc, RunContext ctx, RunLimits limits) {
        Kernel k = ctx.kernel;
        if (ctx.error != null) {
            return new RunEnd(Kind.ERROR, ctx.error, List.of());
        }
        if (k.stopReason() != null) {
            return new RunEnd(Kind.TIMEOUT, k.stopReason(), unreached(sc, ctx));
        }
        if (k.events.hasForeground()) {
            return new RunEnd(Kind.MAX_TIME, sc.file() + " was still running at " + seconds(limits.maxTimeNs())
                    + " of simulated time (--max-time) and was stopped; the trace holds what it printed until then",
                    unreached(sc, ctx));
        }
        List<Task> stuck = Deadlock.stuck(k);
        if (!stuck.isEmpty()) {
            return new RunEnd(Kind.DEADLOCK, Deadlock.describe(ctx, stuck), unreached(sc, ctx));
        }
        return new RunEnd(Kind.FINISHED, null, List.of());
    }

    /** {@code FILE:LINE:COL: expect not reached: CALL = RESULT} for each expect no task ran, in file order. */
    private static List<String> unreached(Ast.Scenario sc, RunContext ctx) {
        List<String> out = new ArrayList<>();
        unreached(sc.main(), ctx, out);
        return out;
    }

    private static void unreached(Ast.Block b, RunContext ctx, List<String> out) {
        for (Ast.Stmt s : b.stmts()) {
            switch (s) {
                case Ast.Spawn sp -> unreached(sp.body(), ctx, out);
                case Ast.Exec e -> unreached(e.body(), ctx, out);
                case Ast.Repeat r -> unreached(r.body(), ctx, out);
                case Ast.Expect x -> {
                    if (!ctx.reached.contains(x)) {
                        out.add(ctx.file + ":" + x.pos().line() + ":" + x.pos().col() + ": expect not reached: "
                                + x.call().text() + (x.approx() != null ? " " + x.approx() : " = " + x.expected()));
                    }
                }
                case Ast.Call c -> { }
            }
        }
    }

    /** A simulated or wall-clock time in seconds, to the nanosecond: "3600 s", "0.0003252 s". */
    static String seconds(long ns) {
        String frac = String.format("%09d", ns % 1_000_000_000L).replaceFirst("0+$", "");
        return ns / 1_000_000_000L + (frac.isEmpty() ? "" : "." + frac) + " s";
    }
}
