package ksim.kernel.task;

/**
 * What a user program asks for next: user-mode CPU time ({@link Spin}) or a system call
 * ({@link Syscall}). A program asks for one thing at a time, like a real thread that is
 * either computing or inside the kernel.
 */
public sealed interface UserOp permits Spin, Syscall {
}
