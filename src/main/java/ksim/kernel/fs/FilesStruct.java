package ksim.kernel.fs;

import java.util.ArrayList;
import ksim.kernel.Kernel;

/**
 * include/linux/fdtable.h: struct files_struct, the fd table. CLONE_FILES shares it; fork
 * copies it (dup_fd()), each copied slot taking a reference on its file. Descriptors 0, 1
 * and 2 are the console every process inherits; new ones take the lowest free number.
 */
public final class FilesStruct {
    public int count = 1;
    private final ArrayList<File> fds;
    private static final int STDIO = 3;

    private FilesStruct(int capacity) {
        fds = new ArrayList<>(capacity);
    }

    public static FilesStruct initial() {
        FilesStruct f = new FilesStruct(STDIO);
        for (int i = 0; i < STDIO; i++) {
            f.fds.add(null);
        }
        return f;
    }

    /** dup_fd(): up to the highest open descriptor. */
    public FilesStruct dup() {
        int n = fds.size();
        while (n > STDIO && fds.get(n - 1) == null) {
            n--;
        }
        FilesStruct f = new FilesStruct(n);
        for (int i = 0; i < n; i++) {
            File file = fds.get(i);
            if (file != null) {
                file.get();
            }
            f.fds.add(file);
        }
        return f;
    }

    /** Whether {@code fd} is open (the console descriptors count as open). */
    public boolean isOpen(int fd) {
        return fd >= 0 && fd < fds.size() && (fd < STDIO || fds.get(fd) != null);
    }

    /** fget(): the file behind {@code fd}, or null (the console has no pipe behind it). */
    public File get(int fd) {
        return fd >= STDIO && fd < fds.size() ? fds.get(fd) : null;
    }

    /** get_unused_fd_flags() + fd_install(). */
    public int install(File f) {
        for (int fd = STDIO; fd < fds.size(); fd++) {
            if (fds.get(fd) == null) {
                fds.set(fd, f);
                return fd;
            }
        }
        fds.add(f);
        return fds.size() - 1;
    }

    /** close_fd(): false when {@code fd} was not open. */
    public boolean close(Kernel k, int fd) {
        File f = get(fd);
        if (f == null) {
            return false;
        }
        fds.set(fd, null);
        f.put(k);
        return true;
    }

    /** put_files_struct(): the last user closes everything. */
    public void put(Kernel k) {
        if (--count > 0) {
            return;
        }
        for (int fd = STDIO; fd < fds.size(); fd++) {
            close(k, fd);
        }
    }

    /**
     * fdt->max_fds, /proc/PID/status's FDSize: the table embedded in files_struct holds
     * NR_OPEN_DEFAULT (64) descriptors; expand_fdtable() grows it to the next power of two
     * above the highest descriptor ever installed, and it never shrinks.
     */
    public int maxFds() {
        int n = fds.size();
        return n <= NR_OPEN_DEFAULT ? NR_OPEN_DEFAULT : Integer.highestOneBit(n - 1) << 1;
    }

    /** NR_OPEN_DEFAULT: BITS_PER_LONG. */
    private static final int NR_OPEN_DEFAULT = 64;

    /** Open descriptors (the FDSize-independent count /proc/PID/fd would list). */
    public int openCount() {
        int n = 0;
        for (int fd = 0; fd < fds.size(); fd++) {
            n += isOpen(fd) ? 1 : 0;
        }
        return n;
    }
}
