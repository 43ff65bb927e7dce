package ksim.kernel.proc;

import java.util.List;

/**
 * A read-only view of a /proc tree as one reader sees it: the simulated kernel's (from a
 * task's PID namespace, or the initial one for {@code --host}) or a real one on disk. Tools
 * (ps, pstree, crash) read only through this, as procps reads only /proc.
 */
public interface ProcView {
    /** The file's bytes as text, or null when it does not exist (ENOENT/ESRCH). */
    String read(String path);

    /** A directory's entries (names only, in the order readdir would give them), or null when it does not exist. */
    List<String> list(String dir);

    /** readlink(): a symbolic link's target (/proc/self, /proc/PID/exe, ...), or null. */
    default String readlink(String path) {
        return null;
    }
}
