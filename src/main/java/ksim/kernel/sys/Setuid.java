package ksim.kernel.sys;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.task.Cred;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;

/**
 * setuid(2), kernel/sys.c __sys_setuid(): with CAP_SETUID every uid changes (and the task's
 * processes are counted against the new user's RLIMIT_NPROC); without it only euid/fsuid,
 * and only to the real or saved uid. Committing the new credentials has commit_creds()'s
 * side effects.
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
        if (current.capable()) { // ns_capable_setid(CAP_SETUID)
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

    /** commit_creds(): a change of privilege makes the task undumpable and clears its pdeath_signal. */
    public static void commitCreds(Task current, Cred next) {
        if (current.cred.privilegeChangedTo(next)) {
            if (current.mm != null) {
                current.mm.dumpable = ksim.kernel.task.MmStruct.SUID_DUMPABLE;
            }
            current.pdeathSignal = 0;
        }
        current.cred = next;
    }
}
