package ksim.kernel.task;

/**
 * The user-mode half of a task: its code and registers (program counter, return values).
 * The kernel asks it for the next {@link UserOp} on every return to user mode and hands it
 * the result of the previous one. User memory lives in the task's {@link MmStruct}, so
 * CLONE_VM threads share it and fork copies it.
 */
public interface Program {
    /**
     * The next request; called on return to user mode. Null only after the program has
     * stopped the machine ({@code Kernel.stop}: it cannot go on, a scenario error).
     */
    UserOp next(Task current);

    /** The result of {@code op}, which this program asked for: the syscall's return value, 0 for a spin. */
    void complete(Task current, UserOp op, long ret);

    /**
     * A handler the program installed for {@code sig} runs now, on the way back to user mode
     * (before the interrupted call's result is seen).
     */
    default void signalDelivered(Task current, int sig) {
    }

    /**
     * fork/clone: the child's registers are a copy of the parent's as they are at the
     * system call (the child then sees {@code complete(clone, 0)}).
     */
    Program copyForChild();
}
