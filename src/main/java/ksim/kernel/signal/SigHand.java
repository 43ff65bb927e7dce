package ksim.kernel.signal;

import ksim.abi.SigAction;
import ksim.abi.Signal;

/**
 * include/linux/sched/signal.h: struct sighand_struct, the dispositions shared by
 * CLONE_SIGHAND tasks: one k_sigaction per signal. A k_sigaction here is an immutable value,
 * and the table is copied lazily: fork's copy_sighand() shares the parent's table until
 * either side changes a disposition (what the kernel's memcpy gives, for a fraction of the
 * memory per process).
 */
public final class SigHand {
    /** sa_handler of a user handler (the scenario language's {@code catch}), beside SIG_DFL and SIG_IGN. */
    public static final int SIG_CATCH = 2;

    /** struct k_sigaction: sa_handler (SIG_DFL, SIG_IGN or SIG_CATCH), sa_flags, sa_mask. */
    record KSigaction(int handler, long flags, long mask) {
        static final KSigaction DFL = new KSigaction(SigAction.SIG_DFL, 0, 0);
    }

    private static final KSigaction[] DEFAULTS = new KSigaction[Signal._NSIG];

    static {
        java.util.Arrays.fill(DEFAULTS, KSigaction.DFL);
    }

    public int count = 1;
    private KSigaction[] action = DEFAULTS;
    /** The table is (or may be) another SigHand's too: copy it before writing. */
    private boolean shared = true;

    /** action[i].sa_handler, {@code i} = sig - 1. */
    public int handler(int i) {
        return action[i].handler();
    }

    /** action[i].sa_flags. */
    public long flags(int i) {
        return action[i].flags();
    }

    /** action[i].sa_mask. */
    public long mask(int i) {
        return action[i].mask();
    }

    public void setAction(int i, int handler, long flags, long mask) {
        writable()[i] = new KSigaction(handler, flags, mask);
    }

    public void setHandler(int i, int handler) {
        KSigaction a = action[i];
        if (a.handler() != handler) {
            setAction(i, handler, a.flags(), a.mask());
        }
    }

    public void setFlags(int i, long flags) {
        KSigaction a = action[i];
        if (a.flags() != flags) {
            setAction(i, a.handler(), flags, a.mask());
        }
    }

    private KSigaction[] writable() {
        if (shared) {
            action = action.clone();
            shared = false;
        }
        return action;
    }

    /** copy_sighand(): a new sighand_struct with the same dispositions. */
    public SigHand copy() {
        SigHand s = new SigHand();
        s.action = action;
        shared = true;
        return s;
    }
}
