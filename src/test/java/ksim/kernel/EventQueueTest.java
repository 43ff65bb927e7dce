package ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ksim.kernel.time.Event;
import ksim.kernel.time.EventQueue;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    static final class Mark extends Event {
        final int id;

        Mark(int id) {
            this.id = id;
        }

        @Override
        public void fire() {
        }
    }

    @Test
    void ordersByTimeThenByArmingOrder() {
        EventQueue q = new EventQueue();
        Mark a = new Mark(1), b = new Mark(2), c = new Mark(3), d = new Mark(4);
        q.schedule(a, 50);
        q.schedule(b, 10);
        q.schedule(c, 50);
        q.schedule(d, 10);
        List<Integer> order = new ArrayList<>();
        while (!q.isEmpty()) {
            order.add(((Mark) q.poll()).id);
        }
        assertEquals(List.of(2, 4, 1, 3), order);
    }

    @Test
    void rearmingAndCancellingKeepTheHeapOrdered() {
        EventQueue q = new EventQueue();
        Random rnd = new Random(1);
        Mark[] m = new Mark[500];
        for (int i = 0; i < m.length; i++) {
            m[i] = new Mark(i);
            q.schedule(m[i], rnd.nextInt(1000));
        }
        for (int i = 0; i < 2000; i++) {
            Mark e = m[rnd.nextInt(m.length)];
            if (rnd.nextBoolean()) {
                q.schedule(e, rnd.nextInt(1000));
            } else {
                q.cancel(e);
                assertFalse(e.isQueued());
            }
        }
        long last = -1;
        int n = 0;
        while (!q.isEmpty()) {
            Event e = q.poll();
            assertTrue(e.expires() >= last);
            last = e.expires();
            n++;
        }
        int queued = 0;
        for (Mark e : m) {
            queued += e.isQueued() ? 1 : 0;
        }
        assertEquals(0, queued);
        assertTrue(n > 0);
    }
}
