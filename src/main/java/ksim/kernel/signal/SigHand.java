package ksim.kernel.signal;

/** include/linux/sched/signal.h: struct sighand_struct, the dispositions shared by CLONE_SIGHAND tasks. */
public final class SigHand {
    public int count = 1;
    /** action[sig - 1].sa_handler: SIG_DFL, SIG_IGN or SIG_CATCH. */
    public final int[] handler = new int[Signal._NSIG];
    /** action[sig - 1].sa_flags. */
    public final long[] flags = new long[Signal._NSIG];
    /** action[sig - 1].sa_mask: blocked while the handler runs. */
    public final long[] mask = new long[Signal._NSIG];

    public SigHand copy() {
        SigHand s = new SigHand();
        System.arraycopy(handler, 0, s.handler, 0, handler.length);
        System.arraycopy(flags, 0, s.flags, 0, flags.length);
        System.arraycopy(mask, 0, s.mask, 0, mask.length);
        return s;
    }
}
