package ksim.kernel.task;

/**
 * include/linux/cred.h: struct cred, the task's identities. Immutable: changing one makes
 * a new cred (prepare_creds()/commit_creds()). Capabilities are modelled as root's full set
 * while euid is 0 and none otherwise, which is what setuid() leaves a process with.
 */
public record Cred(int uid, int euid, int suid, int fsuid, int gid, int egid, int sgid, int fsgid,
        boolean keepCaps) {
    public static final Cred ROOT = new Cred(0, 0, 0, 0, 0, 0, 0, 0, false);

    /** capable(cap) for the capabilities process management checks (CAP_SETUID, CAP_KILL, CAP_SYS_RESOURCE …). */
    public boolean capable() {
        return euid == 0;
    }

    public Cred withUids(int uid, int euid, int suid, int fsuid) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, keepCaps);
    }

    /** securebits with SECURE_KEEP_CAPS set or cleared (PR_SET_KEEPCAPS; execve clears it). */
    public Cred withKeepCaps(boolean keep) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, keep);
    }

    /**
     * commit_creds()'s "dumpability changes" test: the effective or filesystem ids change, or
     * capabilities are lost (here: euid 0 is left). The task then stops being dumpable
     * (fs.suid_dumpable) and its pdeath_signal is cleared.
     */
    public boolean privilegeChangedTo(Cred next) {
        return euid != next.euid || egid != next.egid || fsuid != next.fsuid || fsgid != next.fsgid
                || (capable() && !next.capable());
    }
}
