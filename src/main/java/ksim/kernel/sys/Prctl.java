package ksim.kernel.sys;

import static ksim.abi.Prctl.*;
import static ksim.abi.Sched.SCHED_DEADLINE;
import static ksim.abi.Sched.SCHED_FIFO;
import static ksim.abi.Sched.SCHED_RR;

import ksim.abi.Errno;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.fork.Execve;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserPtr;

/**
 * prctl(2), kernel/sys.c: the process-management options. PR_GET_PDEATHSIG,
 * PR_GET_CHILD_SUBREAPER and PR_GET_NAME write their answer to user memory (left in
 * {@link #value} or {@link #text}); PR_GET_DUMPABLE, PR_GET_KEEPCAPS, PR_GET_TIMERSLACK and
 * PR_GET_NO_NEW_PRIVS return it.
 */
public final class Prctl extends Syscall {
    private final int option;
    private final long arg2;
    private final String name;
    private final UserPtr<Object> out;

    /**
     * prctl(option, arg2): {@code name} is the string at arg2 for PR_SET_NAME (null when arg2 is a
     * number, not a string's address); the PR_GET_* options that answer through arg2 copy the
     * answer out to {@code out}: an int (put_user()) or a name (copy_to_user() of comm).
     */
    public Prctl(int option, long arg2, String name, UserPtr<Object> out) {
        this.option = option;
        this.arg2 = arg2;
        this.name = name;
        this.out = out;
    }

    @Override
    public String name() {
        return "prctl";
    }

    @Override
    public long run(Kernel k, Task me) {
        switch (option) {
            case PR_SET_NAME -> {
                if (name == null) { // a number where a string's address belongs: strncpy_from_user() faults
                    return Errno.EFAULT.ret();
                }
                if (k.trace != null) k.trace.taskRename(me, name);
                Execve.setTaskComm(me, name);
                return 0;
            }
            case PR_GET_NAME -> {
                UserPtr.put(out, me.comm);
                return 0;
            }
            case PR_SET_CHILD_SUBREAPER -> {
                me.signal.isChildSubreaper = arg2 != 0;
                if (arg2 != 0) {
                    propagateHasChildSubreaper(me);
                }
                return 0;
            }
            case PR_GET_CHILD_SUBREAPER -> {
                UserPtr.put(out, me.signal.isChildSubreaper ? 1 : 0);
                return 0;
            }
            case PR_SET_PDEATHSIG -> {
                if (arg2 < 0 || arg2 > Signal._NSIG) {
                    return Errno.EINVAL.ret();
                }
                me.pdeathSignal = (int) arg2;
                return 0;
            }
            case PR_GET_PDEATHSIG -> {
                UserPtr.put(out, me.pdeathSignal);
                return 0;
            }
            case PR_GET_DUMPABLE -> {
                return me.mm == null ? 0 : me.mm.dumpable;
            }
            case PR_SET_DUMPABLE -> {
                if (arg2 != MmStruct.SUID_DUMP_DISABLE && arg2 != MmStruct.SUID_DUMP_USER) {
                    return Errno.EINVAL.ret();
                }
                me.mm.dumpable = (int) arg2;
                return 0;
            }
            // security/commoncap.c cap_task_prctl(): SECURE_KEEP_CAPS in the thread's credentials
            case PR_GET_KEEPCAPS -> {
                return me.cred.keepCaps() ? 1 : 0;
            }
            case PR_SET_KEEPCAPS -> {
                if (Long.compareUnsigned(arg2, 1) > 0) {
                    return Errno.EINVAL.ret();
                }
                Setuid.commitCreds(me, me.cred.withKeepCaps(arg2 != 0));
                return 0;
            }
            case PR_GET_TIMERSLACK -> {
                return me.timerSlackNs;
            }
            case PR_SET_TIMERSLACK -> {
                if (me.policy == SCHED_FIFO || me.policy == SCHED_RR || me.policy == SCHED_DEADLINE) {
                    return 0; // rt_or_dl_task_policy(): the slack of a real-time task stays 0
                }
                me.timerSlackNs = arg2 == 0 ? me.defaultTimerSlackNs : arg2;
                return 0;
            }
            case PR_SET_NO_NEW_PRIVS -> {
                if (arg2 != 1) {
                    return Errno.EINVAL.ret();
                }
                me.noNewPrivs = true;
                return 0;
            }
            case PR_GET_NO_NEW_PRIVS -> {
                if (arg2 != 0) {
                    return Errno.EINVAL.ret();
                }
                return me.noNewPrivs ? 1 : 0;
            }
            default -> {
                return Errno.EINVAL.ret();
            }
        }
    }

    /**
     * walk_process_tree(me, propagate_has_child_subreaper): every descendant learns it has a
     * subreaper above it; a subtree that already knows (or starts at a namespace init) is skipped.
     */
    private static void propagateHasChildSubreaper(Task top) {
        java.util.ArrayDeque<Task> todo = new java.util.ArrayDeque<>();
        for (Task c : top.children) {
            todo.add(c);
        }
        while (!todo.isEmpty()) {
            Task p = todo.poll();
            SignalStruct sig = p.signal;
            if (sig.hasChildSubreaper || p.threadPid.numbers[p.threadPid.level()].nr() == 1) {
                continue;
            }
            sig.hasChildSubreaper = true;
            for (Task t : sig.threadHead) {
                for (Task c : t.children) {
                    todo.add(c);
                }
            }
        }
    }
}
