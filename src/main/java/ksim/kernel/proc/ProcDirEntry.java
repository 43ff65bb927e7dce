package ksim.kernel.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * fs/proc/generic.c: struct proc_dir_entry, one of /proc's own files (proc_create_single())
 * or directories — and, under /proc/sys, a sysctl's (kernel/sysctl.c's ctl_table): its name,
 * mode, and what shows it (a file) or what it holds, in readdir order (a directory).
 */
record ProcDirEntry(String name, int mode, Show show, List<ProcDirEntry> subdir) {
    /** A file's contents, as its reader's /proc shows them. */
    interface Show {
        String show(ProcFs fs);
    }

    /** proc_mkdir_mode(): a directory holding {@code subdir}, in readdir order. */
    static ProcDirEntry mkdir(String name, int mode, ProcDirEntry... subdir) {
        return new ProcDirEntry(name, PidEntry.S_IFDIR | mode, null, List.of(subdir));
    }

    /** proc_create_single(): a file shown by {@code show}. */
    static ProcDirEntry create(String name, int mode, Show show) {
        return new ProcDirEntry(name, PidEntry.S_IFREG | mode, show, List.of());
    }

    boolean isDir() {
        return (mode & PidEntry.S_IFDIR) != 0;
    }

    /** The entry {@code path} names below this directory, or null. */
    ProcDirEntry walk(String[] path) {
        ProcDirEntry de = this;
        for (String name : path) {
            de = de.child(name);
            if (de == null) {
                return null;
            }
        }
        return de;
    }

    private ProcDirEntry child(String name) {
        for (ProcDirEntry e : subdir) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** proc_readdir_de(): the names of the entries, in order. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (ProcDirEntry e : subdir) {
            out.add(e.name);
        }
        return out;
    }
}
