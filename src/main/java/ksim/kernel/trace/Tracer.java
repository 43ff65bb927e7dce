package ksim.kernel.trace;

/**
 * Where trace events go: the ring buffer of kernel/trace, reduced to a consumer. A kernel
 * traces only while it has one ({@code Kernel.trace} non-null); the tracepoints then build a
 * {@link TraceEvent} per hit and hand it over, in the order they happened.
 */
@FunctionalInterface
public interface Tracer {
    void event(TraceEvent e);
}
