package ksim.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import ksim.kernel.task.Task;
import org.junit.jupiter.api.Test;

/** The intrusive red-black tree against java.util.TreeSet, with the red-black rules checked after every change. */
class RbTreeTest {
    @Test
    void randomInsertsAndRemovesKeepOrderAndBalance() {
        for (boolean byDeadline : new boolean[] {true, false}) {
            Random rnd = new Random(42);
            RbTree tree = new RbTree(byDeadline);
            Comparator<Task> cmp = (a, b) -> {
                long d = byDeadline ? a.se.deadline - b.se.deadline : a.se.vruntime - b.se.vruntime;
                return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.se.seq, b.se.seq);
            };
            TreeSet<Task> model = new TreeSet<>(cmp);
            List<Task> in = new ArrayList<>();
            long seq = 0;
            for (int step = 0; step < 20_000; step++) {
                if (in.isEmpty() || rnd.nextInt(3) != 0) {
                    Task t = new Task();
                    t.se.seq = seq++;
                    long key = Long.MAX_VALUE - 25 + rnd.nextInt(50); // crosses the wrap (u64 keys), many ties
                    t.se.deadline = key;
                    t.se.vruntime = key;
                    tree.add(t.se);
                    model.add(t);
                    in.add(t);
                } else {
                    Task t = in.remove(rnd.nextInt(in.size()));
                    tree.remove(t.se);
                    model.remove(t);
                }
                assertNull(tree.check(), "step " + step);
                assertEquals(model.size(), tree.size());
                assertEquals(model.isEmpty() ? null : model.first(), tree.first());
                if (step % 500 == 0) {
                    assertEquals(new ArrayList<>(model), iterate(tree));
                }
            }
        }
    }

    private static List<Task> iterate(RbTree tree) {
        List<Task> l = new ArrayList<>();
        for (Task t : tree) {
            l.add(t);
        }
        return l;
    }
}
