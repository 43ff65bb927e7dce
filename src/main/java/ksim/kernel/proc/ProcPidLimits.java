package ksim.kernel.proc;

import ksim.abi.Resource;
import ksim.kernel.task.Rlimits;
import ksim.kernel.task.Task;

/** fs/proc/base.c: proc_pid_limits(), the group's resource limits as a table. */
final class ProcPidLimits {
    private ProcPidLimits() {}

    /** lnames[]: each limit's name and unit (none for the two priorities). */
    private static final String[][] LNAMES = {
        {"Max cpu time", "seconds"}, {"Max file size", "bytes"}, {"Max data size", "bytes"},
        {"Max stack size", "bytes"}, {"Max core file size", "bytes"}, {"Max resident set", "bytes"},
        {"Max processes", "processes"}, {"Max open files", "files"}, {"Max locked memory", "bytes"},
        {"Max address space", "bytes"}, {"Max file locks", "locks"}, {"Max pending signals", "signals"},
        {"Max msgqueue size", "bytes"}, {"Max nice priority", null}, {"Max realtime priority", null},
        {"Max realtime timeout", "us"},
    };

    static String render(Task task) {
        if (task.sighand == null) { // lock_task_sighand() failed: an empty file
            return "";
        }
        Rlimits r = task.signal.rlim;
        StringBuilder m = new StringBuilder(1400);
        m.append("Limit                     Soft Limit           Hard Limit           Units     \n");
        for (int i = 0; i < Resource.RLIM_NLIMITS; i++) {
            m.append(String.format("%-25s %-20s ", LNAMES[i][0], value(r.cur[i])));
            m.append(String.format("%-20s ", value(r.max[i])));
            m.append(LNAMES[i][1] != null ? String.format("%-10s\n", LNAMES[i][1]) : "\n");
        }
        return m.toString();
    }

    private static String value(long v) {
        return v == Resource.RLIM_INFINITY ? "unlimited" : Long.toUnsignedString(v);
    }
}
