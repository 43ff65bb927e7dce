package ksim.kernel.proc;

import ksim.kernel.pid.PidNamespace;
import ksim.kernel.task.Task;

/**
 * fs/proc/array.c: get_children_pid() and children_seq_show(), /proc/PID/task/TID/children:
 * the thread's own children (its children list, in the order they were added), each as
 * "%d " in the reader's namespace; no newline.
 */
final class ChildrenSeqShow {
    private ChildrenSeqShow() {}

    static String render(PidNamespace ns, Task task) {
        StringBuilder sb = new StringBuilder();
        for (Task child : task.children) {
            sb.append(child.pidNr(ns)).append(' ');
        }
        return sb.toString();
    }
}
