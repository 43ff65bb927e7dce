package ksim.kernel.proc;

import ksim.kernel.task.Task;

/** fs/proc/array.c: proc_pid_statm(): size resident shared text lib(0) data dt(0), in pages; all 0 without an mm. */
final class ProcPidStatm {
    private ProcPidStatm() {}

    static String render(Task task) {
        if (DoTaskStat.mm(task) == null) {
            return "0 0 0 0 0 0 0\n";
        }
        return Unmodelled.STATM_SIZE + " " + Unmodelled.STATM_RESIDENT + " " + Unmodelled.STATM_SHARED + " "
                + Unmodelled.STATM_TEXT + " 0 " + Unmodelled.STATM_DATA + " 0\n";
    }
}
