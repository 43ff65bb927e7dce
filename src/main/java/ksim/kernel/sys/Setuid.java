package ksim.kernel.sys;

import ksim.kernel.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.task.Cred;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;

/**
 * setuid(2), kernel/sys.c __sys_setuid(): with CAP_SETUID every uid changes (and the task's
 * processes are counted against the new user's RLIMIT_NPROC); without it only euid/fsuid,
 * and only to the real or saved uid. A changed euid clears the parent-death signal
 * (commit_creds()).
 */
public final class Setuid extends Syscall {
    private final int uid;

    public Setuid(int uid) {
        this.uid = uid;
    }

    @Override
    public String name() {
        return "setuid";
    }

    @Override
    public long run(Kernel k, Task current) {
        if (uid == -1) { // !uid_valid()
            return Errno.EINVAL.ret();
        }
        Cred old = current.cred;
        Cred next;
        if (old.capable()) {
            next = old.withUids(uid, uid, uid, uid);
            if (uid != old.uid()) {
                k.userProcesses.move(old.uid(), uid); // set_user(): the task now counts for the new user
            }
        } else if (uid == old.uid() || uid == old.suid()) {
            next = old.withUids(old.uid(), uid, old.suid(), uid);
        } else {
            return Errno.EPERM.ret();
        }
        commitCreds(current, next);
        return 0;
    }

    /**
     * kernel/cred.c commit_creds(): a change of euid, egid, fsuid or fsgid (or a gain of
     * capabilities, which here only comes with euid 0) clears the parent-death signal.
     */
    static void commitCreds(Task task, Cred next) {
        Cred old = task.cred;
        if (old.euid() != next.euid() || old.egid() != next.egid() || old.fsuid() != next.fsuid()
                || old.fsgid() != next.fsgid() || (!old.capable() && next.capable())) {
            task.pdeathSignal = 0;
        }
        task.cred = next;
    }
}
