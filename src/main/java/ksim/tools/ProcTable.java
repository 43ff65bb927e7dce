package ksim.tools;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.proc.ProcView;

/**
 * library/readproc.c's table walk: the numeric entries of /proc in readdir order
 * (simple_nextpid, readproc), and with threads each process's /proc/PID/task entries
 * (readeither: the group leader read from /proc/PID, the other threads from
 * /proc/PID/task/TID).
 */
final class ProcTable {
    private ProcTable() {}

    /** simple_nextpid(): names starting with a digit 1-9, parsed as strtoul would. */
    static List<Integer> pids(ProcView view, String dir) {
        List<Integer> out = new ArrayList<>();
        List<String> names = view.list(dir);
        if (names == null) {
            return out;
        }
        for (String name : names) {
            if (!name.isEmpty() && name.charAt(0) > '0' && name.charAt(0) <= '9') {
                long v = 0;
                for (int i = 0; i < name.length() && Character.isDigit(name.charAt(i)); i++) {
                    v = v * 10 + (name.charAt(i) - '0');
                }
                out.add((int) v);
            }
        }
        return out;
    }

    /** readproc() over the whole table: one entry per process. */
    static List<ProcTask> processes(ProcView view) {
        List<ProcTask> out = new ArrayList<>();
        for (int pid : pids(view, "/proc")) {
            ProcTask t = ProcTask.read(view, "/proc/" + pid, pid, pid);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * readeither() over the whole table: one entry per thread (a kernel with task
     * directories, which procps checks with /proc/self/task).
     */
    static List<ProcTask> threads(ProcView view) {
        List<ProcTask> out = new ArrayList<>();
        for (int pid : pids(view, "/proc")) {
            String taskDir = "/proc/" + pid + "/task";
            for (int tid : pids(view, taskDir)) {
                ProcTask t = tid == pid
                        ? ProcTask.read(view, "/proc/" + pid, pid, tid)
                        : ProcTask.read(view, taskDir + "/" + tid, pid, tid);
                if (t == null) {
                    break; // readeither: a task that vanished ends its process
                }
                out.add(t);
            }
        }
        return out;
    }
}
