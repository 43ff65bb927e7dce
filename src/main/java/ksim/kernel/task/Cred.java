package ksim.kernel.task;

/**
 * include/linux/cred.h: struct cred, the task's identities. Immutable: changing one makes
 * a new cred (prepare_creds()/commit_creds()). Capabilities are modelled as root's full set
 * while euid is 0 and none otherwise, which is what setuid() leaves a process with.
 */
public record Cred(int uid, int euid, int suid, int fsuid, int gid, int egid, int sgid, int fsgid) {
    public static final Cred ROOT = new Cred(0, 0, 0, 0, 0, 0, 0, 0);

    /** capable(cap) for the capabilities process management checks (CAP_SETUID, CAP_KILL, CAP_SYS_RESOURCE …). */
    public boolean capable() {
        return euid == 0;
    }

    public Cred withUids(int uid, int euid, int suid, int fsuid) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid);
    }
}
