package ksim.kernel.proc;

import ksim.kernel.task.Task;

/** fs/proc/base.c: comm_show(): proc_task_name() unescaped, then a newline. */
final class CommShow {
    private CommShow() {}

    static String render(Task task) {
        return task.comm + "\n";
    }
}
