package ksim.kernel.task;

/** include/linux/cred.h: struct cred, the task's identities. Immutable: changing one makes a new cred. */
public record Cred(int uid, int euid, int suid, int fsuid, int gid, int egid, int sgid, int fsgid) {
    public static final Cred ROOT = new Cred(0, 0, 0, 0, 0, 0, 0, 0);
}
