package ksim.scenario;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.Invariants;
import ksim.kernel.Kernel;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * A run that stopped with tasks of the scenario still alive ({@link RunEnd}): which tasks,
 * in which statement, blocked how and since when, with the frames {@code ksim crash ... bt}
 * shows for them.
 */
final class Deadlock {
    private Deadlock() {}

    /**
     * The user tasks still alive (neither zombie nor dead) other than the machine's own init,
     * in crash's order. Called when nothing is due, so none of them can ever run again.
     */
    static List<Task> stuck(Kernel k) {
        List<Task> out = new ArrayList<>();
        for (Task t : Invariants.allTasks(k)) {
            if (!t.isKthread() && t != k.init() && t.exitState == 0 && k.sched.rqs[t.cpu].idle != t) {
                out.add(t);
            }
        }
        return out;
    }

    /** How many stuck tasks the report describes; the rest are counted. */
    static final int SHOWN = 20;

    /**
     * The report: a line for the run, then one per stuck task (the first {@value #SHOWN}, then
     * how many more). Times are since main's block started, as for --at.
     */
    static String describe(RunContext ctx, List<Task> stuck) {
        Kernel k = ctx.kernel;
        long origin = Math.max(0, ctx.mainStartNs);
        StringBuilder b = new StringBuilder(ctx.file).append(": deadlock at ").append(RunEnd.seconds(k.now() - origin))
                .append(": no task of the scenario can run again, and nothing is due that could wake one");
        for (Task t : stuck.subList(0, Math.min(SHOWN, stuck.size()))) {
            // the name the scenario gave its PID (a child stopped before it returned from fork has no label yet)
            b.append("\n  [").append(ctx.names.format(t.activePidNs(), t.pidVnr())).append("] PID ").append(t.pidVnr())
                    .append(" (global ").append(t.threadPid.globalNr()).append("): ").append(where(ctx, t))
                    .append(", ").append(TaskState.name(t)).append(" since ")
                    .append(RunEnd.seconds(Math.max(0, t.se.execStart - origin))).append(": ")
                    .append(String.join(" <- ", ksim.crash.Crash.backtrace(k, t)));
        }
        if (stuck.size() > SHOWN) {
            b.append("\n  … and ").append(stuck.size() - SHOWN).append(" more tasks");
        }
        return b.toString();
    }

    /** The statement the task is blocked in, and where it is written; or the system call, for one outside any statement. */
    private static String where(RunContext ctx, Task t) {
        if (t.program instanceof Interpreter in && in.pendingStatement() != null) {
            Ast.Stmt s = in.pendingStatement();
            String text = switch (s) {
                case Ast.Call c -> c.text();
                case Ast.Expect x -> x.call().text();
                case Ast.Spawn sp -> sp.text();
                case Ast.Exec e -> "exec " + e.name();
                case Ast.Repeat r -> "repeat " + r.count();
            };
            Ast.Pos p = s instanceof Ast.Expect x ? x.call().pos() : s.pos();
            return text + " at " + ctx.file + ":" + p.line() + ":" + p.col();
        }
        return "in " + (t.op instanceof Syscall sc ? sc.name() : "user mode") + "()";
    }
}
