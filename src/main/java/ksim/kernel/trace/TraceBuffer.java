package ksim.kernel.trace;

import java.util.ArrayList;
import java.util.List;

/** A {@link Tracer} that keeps every event, in order, for exporting after the run. */
public final class TraceBuffer implements Tracer {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public void event(TraceEvent e) {
        events.add(e);
    }

    /** The events so far (a live view). */
    public List<TraceEvent> events() {
        return java.util.Collections.unmodifiableList(events);
    }
}
