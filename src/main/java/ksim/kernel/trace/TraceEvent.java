package ksim.kernel.trace;

/**
 * One hit of a tracepoint, as the ring buffer stores it: the common fields
 * (tracing_generic_entry_update(): the CPU, the current task's pid and the context flags)
 * with the time stamp, and what the event's TP_fast_assign stored.
 *
 * <p>{@code comm} and {@code tgid} are the current task's, for the saved_cmdlines and
 * saved_tgids maps an ftrace reader resolves pids with (the ring buffer itself stores
 * neither). {@code flags} is the five-character irqs-off / need-resched / hardirq-softirq /
 * preempt-depth / migrate-disable column.
 */
public record TraceEvent(long ts, int cpu, int pid, int tgid, String comm, String flags, Tp.Fields fields) {}
