package ksim.kernel.task;

/** Burn {@code ns} of CPU time in user mode; the scheduler may preempt it at any tick. */
public record Spin(long ns) implements UserOp {
}
