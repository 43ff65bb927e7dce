package ksim.kernel.fs;

import ksim.abi.Errno;
import ksim.abi.Limits;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.signal.Signals;
import ksim.kernel.sync.WaitQueueEntry;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.Uaccess;
import ksim.kernel.task.UserPtr;

/** pipe(2), read(2), write(2) and close(2) on pipes: fs/pipe.c and fs/open.c. */
public final class PipeCalls {
    private PipeCalls() {}

    /** pipe(pipefd): two descriptors, read end first, copied out to {@code pipefd}. */
    public static final class PipeCreate extends Syscall {
        private final UserPtr<int[]> pipefd;

        public PipeCreate(UserPtr<int[]> pipefd) {
            this.pipefd = pipefd;
        }

        @Override
        public String name() {
            return "pipe";
        }

        @Override
        public long run(Kernel k, Task current) {
            Pipe pipe = new Pipe();
            pipe.readers = 1;
            pipe.writers = 1;
            int r = current.files.install(new File(pipe, false));
            int w = current.files.install(new File(pipe, true));
            UserPtr.put(pipefd, new int[] {r, w});
            return 0;
        }
    }

    /** close(fd). */
    public static Syscall close(int fd) {
        return ksim.kernel.sys.Sys.of("close", (k, t) -> t.files.close(k, fd) ? 0 : Errno.EBADF.ret());
    }

    /** MAX_RW_COUNT (include/linux/fs.h): the most one read or write moves, INT_MAX rounded down to a page. */
    public static final long MAX_RW_COUNT = Integer.MAX_VALUE & ~4095L;

    /** pipe_read(): bytes if there are any, 0 at end of file (no writer left), else sleep. */
    public static final class Read extends Syscall {
        private final int fd;
        private final long buf;
        /** The count as passed (a negative one is a size_t that large), and as the call moves it: at most MAX_RW_COUNT. */
        private final long userCount;
        private final long count;
        private WaitQueueEntry wait;

        /** read(fd, buf, count): {@code buf} is the buffer's user address. */
        public Read(int fd, long buf, long count) {
            this.fd = fd;
            this.buf = buf;
            this.userCount = count;
            this.count = Math.min(count, MAX_RW_COUNT);
        }

        @Override
        public String name() {
            return "read";
        }

        @Override
        public java.util.List<String> sleepFrames() {
            return java.util.List.of("pipe_read", "vfs_read", "ksys_read", "__x64_sys_read");
        }

        @Override
        public long run(Kernel k, Task current) {
            File f = current.files.get(fd);
            if (f == null || f.writeEnd) {
                return Errno.EBADF.ret();
            }
            if (!Uaccess.accessOk(buf, userCount)) { // vfs_read()/vfs_write(): the buffer must lie in user space
                return Errno.EFAULT.ret();
            }
            if (count == 0) {
                return 0;
            }
            Pipe pipe = f.pipe;
            if (pipe.bytes > 0) {
                long n = Math.min(count, pipe.bytes);
                pipe.bytes -= n;
                done(pipe);
                pipe.wrWait.wakeUp(k, TaskState.TASK_INTERRUPTIBLE, null);
                if (pipe.bytes > 0) { // wake_next_reader: more is left for another reader
                    pipe.rdWait.wakeUp(k, TaskState.TASK_INTERRUPTIBLE, null);
                }
                return n;
            }
            if (pipe.writers == 0) {
                done(pipe);
                return 0;
            }
            if (Signals.signalPending(current)) {
                done(pipe);
                return Errno.ERESTARTSYS.ret();
            }
            if (wait == null) {
                wait = current.waitEntry();
            }
            pipe.rdWait.addExclusive(wait); // wait_event_interruptible_exclusive(): at the tail, woken one by one
            current.state = TaskState.TASK_INTERRUPTIBLE;
            return BLOCK;
        }

        private void done(Pipe pipe) {
            if (wait != null) {
                pipe.rdWait.remove(wait);
            }
        }
    }

    /**
     * pipe_write(): everything is written, sleeping while the pipe is full; with no reader
     * left the writer gets SIGPIPE and EPIPE (or the count written so far).
     */
    public static final class Write extends Syscall {
        private final int fd;
        private final long buf;
        /** The count as passed (a negative one is a size_t that large), and as the call moves it: at most MAX_RW_COUNT. */
        private final long userCount;
        private final long count;
        private long written;
        private WaitQueueEntry wait;

        /** write(fd, buf, count): {@code buf} is the buffer's user address. */
        public Write(int fd, long buf, long count) {
            this.fd = fd;
            this.buf = buf;
            this.userCount = count;
            this.count = Math.min(count, MAX_RW_COUNT);
        }

        @Override
        public String name() {
            return "write";
        }

        @Override
        public java.util.List<String> sleepFrames() {
            return java.util.List.of("pipe_write", "vfs_write", "ksys_write", "__x64_sys_write");
        }

        @Override
        public long run(Kernel k, Task current) {
            File f = current.files.get(fd);
            if (f == null || !f.writeEnd) {
                return Errno.EBADF.ret();
            }
            if (!Uaccess.accessOk(buf, userCount)) { // vfs_read()/vfs_write(): the buffer must lie in user space
                return Errno.EFAULT.ret();
            }
            if (count == 0) {
                return 0;
            }
            Pipe pipe = f.pipe;
            if (pipe.readers == 0) {
                done(pipe);
                Signals.sendSignal(k, Signal.SIGPIPE, current);
                return written > 0 ? written : Errno.EPIPE.ret();
            }
            long room = Pipe.CAPACITY - pipe.bytes;
            long left = count - written;
            // up to PIPE_BUF bytes go in at once or not at all
            if (room > 0 && (left > Limits.PIPE_BUF || room >= left)) {
                long n = Math.min(room, left);
                pipe.bytes += n;
                written += n;
                pipe.rdWait.wakeUp(k, TaskState.TASK_INTERRUPTIBLE, null);
            }
            if (written == count) {
                done(pipe);
                if (pipe.bytes < Pipe.CAPACITY) { // wake_next_writer: room is left for another writer
                    pipe.wrWait.wakeUp(k, TaskState.TASK_INTERRUPTIBLE, null);
                }
                return written;
            }
            if (Signals.signalPending(current)) {
                done(pipe);
                return written > 0 ? written : Errno.ERESTARTSYS.ret();
            }
            if (wait == null) {
                wait = current.waitEntry();
            }
            pipe.wrWait.addExclusive(wait);
            current.state = TaskState.TASK_INTERRUPTIBLE;
            return BLOCK;
        }

        private void done(Pipe pipe) {
            if (wait != null) {
                pipe.wrWait.remove(wait);
            }
        }
    }
}
