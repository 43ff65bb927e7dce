package ksim.kernel.proc;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.task.Task;

/**
 * fs/proc/base.c: struct pid_entry, one file or directory of /proc/PID (tgid_base_stuff[]) or
 * /proc/PID/task/TID (tid_base_stuff[]): its name, its mode, whether it is under the TGID
 * directory, the TID directory or both, and what shows it — a regular file's show function
 * (ONE(), REG()), a directory's readdir (DIR()).
 */
record PidEntry(String name, int mode, int where, Show show, Readdir readdir) {
    /** Where an entry exists: under /proc/PID, under /proc/PID/task/TID, or both. */
    static final int TGID = 1, TID = 2, BOTH = TGID | TID;
    /** The mode bits the tables use (include/uapi/linux/stat.h). */
    static final int S_IFDIR = 0040000, S_IFREG = 0100000;
    static final int S_IRUSR = 0400, S_IWUSR = 0200, S_IRUGO = 0444, S_IXUGO = 0111;

    /** A regular file's contents for task {@code t}, as its reader's /proc shows them. */
    interface Show {
        String show(ProcFs fs, Task t);
    }

    /** A directory's names for task {@code t}, in readdir order. */
    interface Readdir {
        List<String> readdir(ProcFs fs, Task t);
    }

    /** DIR(). */
    static PidEntry dir(String name, int mode, int where, Readdir readdir) {
        return new PidEntry(name, S_IFDIR | mode, where, null, readdir);
    }

    /** ONE() and REG(): a regular file. */
    static PidEntry reg(String name, int mode, int where, Show show) {
        return new PidEntry(name, S_IFREG | mode, where, show, null);
    }

    boolean isDir() {
        return (mode & S_IFDIR) != 0;
    }

    /** proc_pident_lookup(): the entry of that name under {@code where} (TGID or TID), or null. */
    static PidEntry lookup(List<PidEntry> table, int where, String name) {
        for (PidEntry e : table) {
            if ((e.where & where) != 0 && e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** proc_pident_readdir(): the names under {@code where}, in the table's order. */
    static List<String> names(List<PidEntry> table, int where) {
        List<String> out = new ArrayList<>();
        for (PidEntry e : table) {
            if ((e.where & where) != 0) {
                out.add(e.name);
            }
        }
        return List.copyOf(out);
    }
}
