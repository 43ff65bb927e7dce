package ksim.kernel.fs;

import ksim.kernel.sync.WaitQueueHead;

/**
 * fs/pipe.c: struct pipe_inode_info, reduced to what process management observes: how many
 * bytes wait in the buffer, how many readers and writers hold it open, and the two wait
 * queues. The buffer holds PIPE_DEF_BUFFERS pages (64 KiB); PIPE_BUF ({@link
 * ksim.abi.Limits}) bytes or fewer are written atomically.
 */
public final class Pipe {
    public static final int CAPACITY = 16 * 4096;

    public long bytes;
    public int readers;
    public int writers;
    public final WaitQueueHead rdWait = new WaitQueueHead();
    public final WaitQueueHead wrWait = new WaitQueueHead();
}
