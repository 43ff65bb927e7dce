package ksim.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.sched.RunQueue;
import ksim.kernel.task.Task;

/**
 * The crash utility's task commands, answered from a simulated kernel (as crash answers them
 * from a vmcore or a live kernel): {@code ps [-k|-u]}, {@code task [-R member,...] PID},
 * {@code bt PID}, {@code log}. PIDs are the initial namespace's, as crash shows them.
 */
public final class Crash {
    private Crash() {}

    /** The result of one command: its output, or an error message as crash prints it. */
    public record Result(String output, boolean ok) {}

    public static Result execute(Kernel k, String commandLine) {
        List<String> words = new ArrayList<>(Arrays.asList(commandLine.trim().split("\\s+")));
        if (words.isEmpty() || words.get(0).isEmpty()) {
            return new Result("crash: no command given\n", false);
        }
        String cmd = words.remove(0);
        return switch (cmd) {
            case "ps" -> ps(k, words);
            case "task" -> task(k, words);
            case "bt" -> bt(k, words);
            case "log" -> new Result(String.join("\n", k.log) + (k.log.isEmpty() ? "" : "\n"), true);
            case "help" -> new Result("ps [-k|-u]\ntask [-R member[,member...]] [pid]\nbt [pid]\nlog\n", true);
            default -> new Result("crash: command not found: " + cmd + " (ksim answers ps, task, bt, log)\n", false);
        };
    }

    /**
     * The frames {@code bt} shows for {@code t}, innermost first ({@code __schedule},
     * {@code schedule}, the function it waits in and its callers, the system-call entry).
     */
    public static List<String> backtrace(Kernel k, Task t) {
        return Backtrace.frames(k, t);
    }

    private static Result ps(Kernel k, List<String> args) {
        String option = args.isEmpty() ? null : args.get(0);
        if (option != null && !option.equals("-k") && !option.equals("-u")) {
            return new Result("ps: invalid option: " + option + " (ksim answers ps, ps -k, ps -u)\n", false);
        }
        return new Result(CrashPs.render(k, option), true);
    }

    private static Result task(Kernel k, List<String> args) {
        List<String> only = null;
        if (!args.isEmpty() && args.get(0).equals("-R")) {
            if (args.size() < 2) {
                return new Result("task: -R needs member names\n", false);
            }
            only = Arrays.asList(args.get(1).split(","));
            args = args.subList(2, args.size());
        }
        List<Task> tasks = targets(k, args);
        if (tasks == null) {
            return new Result("task: invalid task or pid value: " + String.join(" ", args) + "\n", false);
        }
        // every task_struct has the same members: a bad name is one error, not one per task
        String unknown = only == null ? null : TaskDump.unknownMember(k, tasks.get(0), only);
        if (unknown != null) {
            return new Result("task: invalid structure member name: " + unknown + "\n", false);
        }
        StringBuilder b = new StringBuilder();
        for (Task t : tasks) {
            b.append(TaskDump.render(k, t, only));
        }
        return new Result(b.toString(), true);
    }

    private static Result bt(Kernel k, List<String> args) {
        List<Task> tasks = targets(k, args);
        if (tasks == null) {
            return new Result("bt: invalid task or pid value: " + String.join(" ", args) + "\n", false);
        }
        StringBuilder b = new StringBuilder();
        for (Task t : tasks) {
            b.append(Backtrace.render(k, t));
        }
        return new Result(b.toString(), true);
    }

    /** PIDs (all threads of that PID — several for PID 0) or, with none, crash's current task: CPU 0's. */
    private static List<Task> targets(Kernel k, List<String> args) {
        List<Task> out = new ArrayList<>();
        if (args.isEmpty()) {
            out.add(k.sched.rqs[0].curr);
            return out;
        }
        for (String a : args) {
            int pid;
            try {
                pid = Integer.parseInt(a);
            } catch (NumberFormatException e) {
                return null;
            }
            if (pid == 0) {
                for (RunQueue rq : k.sched.rqs) {
                    out.add(rq.idle);
                }
                continue;
            }
            Task t = ksim.kernel.pid.Pids.findTaskByPidNs(pid, k.initPidNs);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }
}
