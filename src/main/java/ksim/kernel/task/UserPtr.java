package ksim.kernel.task;

/**
 * A {@code __user} pointer to a {@code T}: where a system call copies a result out to the
 * caller's memory (put_user(), copy_to_user()), as wait4() writes the status word, getrlimit()
 * a struct rlimit or pipe() two descriptors. It is the one way results other than the return
 * value reach user space, so user space never looks inside a system call. A NULL pointer is
 * {@code null}: the kernel writes nothing there ({@link #put(UserPtr, Object)}).
 */
public final class UserPtr<T> {
    private T value;

    /** copy_to_user(): what the kernel writes. */
    public void put(T v) {
        value = v;
    }

    /** What user space reads back; null while the kernel has written nothing. */
    public T get() {
        return value;
    }

    /** put_user() through a pointer that may be NULL (wait4(pid, NULL, ...)). */
    public static <T> void put(UserPtr<T> p, T v) {
        if (p != null) {
            p.put(v);
        }
    }
}
