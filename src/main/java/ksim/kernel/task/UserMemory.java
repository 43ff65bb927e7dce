package ksim.kernel.task;

/** A program's user memory, held by the mm: shared by CLONE_VM tasks, copied by fork (dup_mm). */
public interface UserMemory {
    UserMemory copy();
}
