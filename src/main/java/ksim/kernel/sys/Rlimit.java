package ksim.kernel.sys;

import ksim.abi.Errno;
import ksim.abi.Resource;
import ksim.kernel.Kernel;
import ksim.kernel.task.Rlimits;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserPtr;

/** getrlimit(2) and setrlimit(2): kernel/sys.c do_prlimit() on the caller's thread group. */
public final class Rlimit extends Syscall {
    private final int resource;
    private final boolean set;
    private final long soft;
    private final long hard;
    private final UserPtr<Value> rlim;

    /** struct rlimit: the soft and the hard limit (RLIM_INFINITY is ~0UL). */
    public record Value(long cur, long max) {}

    private Rlimit(int resource, boolean set, long soft, long hard, UserPtr<Value> rlim) {
        this.resource = resource;
        this.set = set;
        this.soft = soft;
        this.hard = hard;
        this.rlim = rlim;
    }

    /** getrlimit(resource, rlim): the limits are copied out to {@code rlim}. */
    public static Rlimit get(int resource, UserPtr<Value> rlim) {
        return new Rlimit(resource, false, 0, 0, rlim);
    }

    public static Rlimit set(int resource, long soft, long hard) {
        return new Rlimit(resource, true, soft, hard, null);
    }

    @Override
    public String name() {
        return set ? "setrlimit" : "getrlimit";
    }

    @Override
    public long run(Kernel k, Task current) {
        if (resource < 0 || resource >= Resource.RLIM_NLIMITS) {
            return Errno.EINVAL.ret();
        }
        Rlimits rlim = current.signal.rlim;
        if (set) {
            if (Long.compareUnsigned(soft, hard) > 0) {
                return Errno.EINVAL.ret();
            }
            if (resource == Resource.RLIMIT_NOFILE && Long.compareUnsigned(hard, Rlimits.NR_OPEN) > 0) {
                return Errno.EPERM.ret();
            }
            if (Long.compareUnsigned(hard, rlim.max[resource]) > 0 && !current.capable()) { // capable(CAP_SYS_RESOURCE)
                return Errno.EPERM.ret();
            }
            rlim.set(resource, soft, hard);
        } else {
            UserPtr.put(this.rlim, new Value(rlim.cur[resource], rlim.max[resource]));
        }
        return 0;
    }
}
