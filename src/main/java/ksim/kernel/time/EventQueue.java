package ksim.kernel.time;

import java.util.Arrays;

/**
 * The simulation's agenda: a binary min-heap of {@link Event}s ordered by (time, seq).
 * Events remember their heap slot, so cancelling or re-arming one is O(log n) and
 * allocation-free.
 */
public final class EventQueue {
    private Event[] heap = new Event[64];
    private int size;
    private long nextSeq;

    /** Armed events that are not deferrable. */
    private int foreground;

    /** Whether anything but deferrable events is armed: the machine still has something to do. */
    public boolean hasForeground() {
        return foreground > 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public long peekTime() {
        return heap[0].time;
    }

    /** Arms (or re-arms) {@code e} to fire at {@code time}. */
    public void schedule(Event e, long time) {
        if (e.heapIndex >= 0) {
            remove(e);
        }
        e.time = time;
        e.seq = nextSeq++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.heapIndex = size;
        siftUp(size++);
        if (!e.deferrable) {
            foreground++;
        }
    }

    /** Disarms {@code e}; harmless when it is not armed. */
    public void cancel(Event e) {
        if (e.heapIndex >= 0) {
            remove(e);
        }
    }

    public Event poll() {
        Event top = heap[0];
        removeAt(0);
        return top;
    }

    private void remove(Event e) {
        removeAt(e.heapIndex);
    }

    private void removeAt(int i) {
        Event gone = heap[i];
        if (!gone.deferrable) {
            foreground--;
        }
        gone.heapIndex = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        Event last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.heapIndex = i;
        siftDown(i);
        if (heap[i] == last) {
            siftUp(i);
        }
    }

    private static boolean less(Event a, Event b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    private void siftUp(int i) {
        Event e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!less(e, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
    }

    private void siftDown(int i) {
        Event e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            Event child = heap[c];
            int r = c + 1;
            if (r < size && less(heap[r], child)) {
                c = r;
                child = heap[c];
            }
            if (!less(child, e)) {
                break;
            }
            heap[i] = child;
            child.heapIndex = i;
            i = c;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
