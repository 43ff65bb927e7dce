package ksim.kernel.proc;

import ksim.abi.Errno;
import ksim.kernel.CostModel;
import ksim.kernel.Kernel;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.Pids;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserPtr;

/**
 * Reading /proc/PID/stat from the caller's PID namespace, as the scenario's state(), ppid(),
 * comm() and cputime() do: the PID is looked up as proc_pid_lookup() does (a missing entry
 * fails with ESRCH), the line is rendered by do_task_stat() ({@link DoTaskStat}) and parsed
 * back as the C runtime parses the real one: comm up to the last ')', then the fields.
 */
public final class ProcPidStat extends Syscall {
    /** The fields the scenario language reads: 1 (pid), 2 (comm), 3 (state), 4 (ppid), 14 and 15 (utime, stime). */
    public record Stat(int pid, String comm, char state, int ppid, long utimeTicks, long stimeTicks) {}

    private final int nr;
    private final UserPtr<Stat> buf;

    /** Reads /proc/NR/stat into {@code buf}, parsed as the C runtime parses it. */
    public ProcPidStat(int nr, UserPtr<Stat> buf) {
        this.nr = nr;
        this.buf = buf;
    }

    @Override
    public String name() {
        return "read";
    }

    @Override
    public long cost(CostModel c) {
        return c.procReadNs;
    }

    @Override
    public long run(Kernel k, Task current) {
        PidNamespace ns = current.activePidNs();
        Task task = nr > 0 ? Pids.findTaskByPidNs(nr, ns) : null;
        if (task == null) {
            return Errno.ESRCH.ret();
        }
        UserPtr.put(buf, read(k, task, ns));
        return 0;
    }

    /** /proc/PID/stat of {@code task} as a reader in {@code ns} sees it, parsed. */
    public static Stat read(Kernel k, Task task, PidNamespace ns) {
        return parse(DoTaskStat.render(k, ns, task.threadPid, task, true));
    }

    /** The C runtime's rt_look(): comm between the first '(' and the last ')', fields after it. */
    static Stat parse(String line) {
        int l = line.indexOf('(');
        int r = line.lastIndexOf(')');
        String[] f = line.substring(r + 2).trim().split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return new Stat(Integer.parseInt(line.substring(0, l - 1)), line.substring(l + 1, r), f[0].charAt(0),
                Integer.parseInt(f[4 - 3]), Long.parseLong(f[14 - 3]), Long.parseLong(f[15 - 3]));
    }
}
