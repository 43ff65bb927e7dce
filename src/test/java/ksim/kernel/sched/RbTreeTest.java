package ksim.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import ksim.kernel.task.Task;
import org.junit.jupiter.api.Test;

/** The intrusive red-black tree against java.util.TreeSet, with the red-black rules checked after every change. */
class RbTreeTest {
    @Test
    void randomInsertsAndRemovesKeepOrderAndBalance() {
        for (boolean byDeadline : new boolean[] {true, false}) {
            Random rnd = new Random(42);
            ToLongFunction<SchedEntity> order = byDeadline ? se -> se.deadline : se -> se.vruntime;
            RbTree tree = new RbTree(order);
            Comparator<Task> cmp = (a, b) -> {
                long d = order.applyAsLong(a.se) - order.applyAsLong(b.se);
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

    /**
     * EEVDF's tree is ordered by deadline but asked for the smallest vruntime and for the first
     * entity (by deadline) whose vruntime is at most a bound: both against a walk in key order.
     */
    @Test
    void subtreeMinVruntimeAnswersLikeAWalk() {
        Random rnd = new Random(7);
        RbTree tree = new RbTree(se -> se.deadline);
        List<Task> in = new ArrayList<>();
        long seq = 0;
        for (int step = 0; step < 5_000; step++) {
            if (in.isEmpty() || rnd.nextInt(3) != 0) {
                Task t = new Task();
                t.se.seq = seq++;
                t.se.vruntime = Long.MAX_VALUE - 500 + rnd.nextInt(1000); // across the wrap
                t.se.deadline = t.se.vruntime + rnd.nextInt(300);
                tree.add(t.se);
                in.add(t);
            } else {
                tree.remove(in.remove(rnd.nextInt(in.size())).se);
            }
            assertNull(tree.check(), "step " + step);
            if (in.isEmpty()) {
                continue;
            }
            long min = in.get(0).se.vruntime;
            for (Task t : in) {
                min = t.se.vruntime - min < 0 ? t.se.vruntime : min;
            }
            assertEquals(min, tree.minVruntime(), "step " + step);
            long bound = min + rnd.nextInt(600);
            Task first = null;
            for (Task t : tree) {
                if (t.se.vruntime - bound <= 0) {
                    first = t;
                    break;
                }
            }
            assertEquals(first, tree.firstWith(v -> v - bound <= 0), "step " + step);
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
