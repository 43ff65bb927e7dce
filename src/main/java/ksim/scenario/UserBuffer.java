package ksim.scenario;

/**
 * The buffer a scenario's {@code read(p, N)} or {@code write(p, N)} passes: N bytes of the
 * task's memory. No buffer is larger than {@link #MAX} (32 TiB, a quarter of x86-64's user
 * space): for a larger N, or a negative one (a size_t beyond SSIZE_MAX), the buffer is a
 * small one high in user space, so that N bytes from it run past the end of user space and
 * the kernel's access_ok() fails the call with EFAULT, on the real kernel as here. The
 * recorder's C runtime places its buffers the same way (rt_pipe_io).
 */
final class UserBuffer {
    private UserBuffer() {}

    /** The largest buffer: 2^45 bytes. */
    static final long MAX = 1L << 45;

    /** Where mmap() puts a small buffer: just below the stack, high in user space. */
    private static final long HIGH = 0x7f00_0000_0000L;
    /** Where an N-byte buffer lies when it can: low enough for any N up to MAX. */
    private static final long LOW = 0x1000_0000_0000L;

    /** The user address of the buffer for a count of {@code n}. */
    static long address(long n) {
        return n >= 0 && n <= MAX ? LOW : HIGH;
    }
}
