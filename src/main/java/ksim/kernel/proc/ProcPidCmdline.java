package ksim.kernel.proc;

import ksim.kernel.task.MmStruct;
import ksim.kernel.task.Task;

/**
 * fs/proc/base.c: proc_pid_cmdline_read(): the bytes from arg_start to arg_end, each argument
 * ending in a NUL; nothing for a task without an mm (a kernel thread, a zombie).
 */
final class ProcPidCmdline {
    private ProcPidCmdline() {}

    static String read(Task task) {
        MmStruct mm = DoTaskStat.mm(task);
        if (mm == null || mm.argv == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String a : mm.argv) {
            sb.append(a).append('\0');
        }
        return sb.toString();
    }
}
