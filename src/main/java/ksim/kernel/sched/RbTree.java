package ksim.kernel.sched;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import ksim.kernel.task.Task;

/**
 * lib/rbtree.c's job for the fair class: a red-black tree of sched_entities with the leftmost
 * one cached (rb_root_cached), its nodes embedded in the entities (se->run_node), so queueing
 * allocates nothing. Entities are ordered by the fair class's key — deadline (EEVDF) or vruntime (CFS) — compared as
 * the kernel's entity_before() does (wrap-safe); equal keys go to the right, after the ones
 * already there. The algorithms are the textbook ones (CLRS), with a sentinel for the leaves.
 * Each node also holds the smallest vruntime of its subtree, kept up to date through
 * insertions, erasures and rotations as the kernel's augmented tree keeps se->min_vruntime
 * (RB_DECLARE_CALLBACKS(min_vruntime_cb)): EEVDF finds the tree's smallest vruntime and its
 * first eligible entity in O(log n).
 */
final class RbTree implements Iterable<Task> {
    /** What entities are ordered by: the fair class's entity_before() key. */
    private final ToLongFunction<SchedEntity> key;
    /** The leaves' sentinel: always black; its parent is scratch space during a delete. */
    private final SchedEntity nil = new SchedEntity(null);
    private SchedEntity root = nil;
    private SchedEntity leftmost;
    private int size;

    RbTree(ToLongFunction<SchedEntity> key) {
        this.key = key;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** rb_first_cached(). */
    Task first() {
        return leftmost == null ? null : leftmost.task;
    }

    /** The smallest vruntime in the tree (the root's min_vruntime); the tree must not be empty. */
    long minVruntime() {
        return root.minVruntime;
    }

    /**
     * The first entity in key order whose vruntime passes {@code eligible}, or null:
     * __pick_eevdf()'s descent, which skips every subtree whose min_vruntime fails. It needs a
     * test that every vruntime before one that passes passes too, as vruntime_eligible() is.
     */
    Task firstWith(java.util.function.LongPredicate eligible) {
        SchedEntity n = root;
        while (n != nil) {
            if (n.rbLeft != nil && eligible.test(n.rbLeft.minVruntime)) {
                n = n.rbLeft;
            } else if (eligible.test(n.vruntime)) {
                return n.task;
            } else {
                n = n.rbRight;
            }
        }
        return null;
    }

    /** min_vruntime_update(): {@code n}'s own vruntime or its children's subtree minimum, wrap-safe. */
    private void updateMin(SchedEntity n) {
        n.minVruntime = subtreeMin(n);
    }

    private long subtreeMin(SchedEntity n) {
        long min = n.vruntime;
        if (n.rbLeft != nil && n.rbLeft.minVruntime - min < 0) {
            min = n.rbLeft.minVruntime;
        }
        if (n.rbRight != nil && n.rbRight.minVruntime - min < 0) {
            min = n.rbRight.minVruntime;
        }
        return min;
    }

    /** min_vruntime_cb_propagate(): {@code n} and every ancestor, after n's subtree changed. */
    private void propagateMin(SchedEntity n) {
        for (; n != nil; n = n.rbParent) {
            updateMin(n);
        }
    }

    /** entity_before(a, b), ties broken by insertion order so equal keys keep theirs. */
    private boolean less(SchedEntity a, SchedEntity b) {
        long d = key.applyAsLong(a) - key.applyAsLong(b);
        return d != 0 ? d < 0 : a.seq < b.seq;
    }

    /** rb_add_cached(). */
    void add(SchedEntity z) {
        SchedEntity y = nil;
        SchedEntity x = root;
        while (x != nil) {
            y = x;
            x = less(z, x) ? x.rbLeft : x.rbRight;
        }
        z.rbParent = y;
        if (y == nil) {
            root = z;
        } else if (less(z, y)) {
            y.rbLeft = z;
        } else {
            y.rbRight = z;
        }
        z.rbLeft = nil;
        z.rbRight = nil;
        z.rbRed = true;
        propagateMin(z);
        insertFixup(z);
        if (leftmost == null || less(z, leftmost)) {
            leftmost = z;
        }
        size++;
    }

    /** rb_erase_cached(). */
    void remove(SchedEntity z) {
        if (z == leftmost) {
            leftmost = successor(z);
        }
        SchedEntity y = z;
        boolean yWasRed = y.rbRed;
        SchedEntity x;
        SchedEntity changed; // the lowest node whose subtree lost or gained an entity
        if (z.rbLeft == nil) {
            x = z.rbRight;
            changed = z.rbParent;
            transplant(z, z.rbRight);
        } else if (z.rbRight == nil) {
            x = z.rbLeft;
            changed = z.rbParent;
            transplant(z, z.rbLeft);
        } else {
            y = minimum(z.rbRight);
            yWasRed = y.rbRed;
            x = y.rbRight;
            changed = y.rbParent == z ? y : y.rbParent;
            if (y.rbParent == z) {
                x.rbParent = y;
            } else {
                transplant(y, y.rbRight);
                y.rbRight = z.rbRight;
                y.rbRight.rbParent = y;
            }
            transplant(z, y);
            y.rbLeft = z.rbLeft;
            y.rbLeft.rbParent = y;
            y.rbRed = z.rbRed;
        }
        propagateMin(changed);
        if (!yWasRed) {
            deleteFixup(x);
        }
        nil.rbParent = null;
        z.rbLeft = z.rbRight = z.rbParent = null;
        size--;
    }

    private void insertFixup(SchedEntity z) {
        while (z.rbParent.rbRed) {
            SchedEntity gp = z.rbParent.rbParent;
            if (z.rbParent == gp.rbLeft) {
                SchedEntity y = gp.rbRight;
                if (y.rbRed) {
                    z.rbParent.rbRed = false;
                    y.rbRed = false;
                    gp.rbRed = true;
                    z = gp;
                } else {
                    if (z == z.rbParent.rbRight) {
                        z = z.rbParent;
                        rotateLeft(z);
                    }
                    z.rbParent.rbRed = false;
                    z.rbParent.rbParent.rbRed = true;
                    rotateRight(z.rbParent.rbParent);
                }
            } else {
                SchedEntity y = gp.rbLeft;
                if (y.rbRed) {
                    z.rbParent.rbRed = false;
                    y.rbRed = false;
                    gp.rbRed = true;
                    z = gp;
                } else {
                    if (z == z.rbParent.rbLeft) {
                        z = z.rbParent;
                        rotateRight(z);
                    }
                    z.rbParent.rbRed = false;
                    z.rbParent.rbParent.rbRed = true;
                    rotateLeft(z.rbParent.rbParent);
                }
            }
        }
        root.rbRed = false;
    }

    private void deleteFixup(SchedEntity x) {
        while (x != root && !x.rbRed) {
            if (x == x.rbParent.rbLeft) {
                SchedEntity w = x.rbParent.rbRight;
                if (w.rbRed) {
                    w.rbRed = false;
                    x.rbParent.rbRed = true;
                    rotateLeft(x.rbParent);
                    w = x.rbParent.rbRight;
                }
                if (!w.rbLeft.rbRed && !w.rbRight.rbRed) {
                    w.rbRed = true;
                    x = x.rbParent;
                } else {
                    if (!w.rbRight.rbRed) {
                        w.rbLeft.rbRed = false;
                        w.rbRed = true;
                        rotateRight(w);
                        w = x.rbParent.rbRight;
                    }
                    w.rbRed = x.rbParent.rbRed;
                    x.rbParent.rbRed = false;
                    w.rbRight.rbRed = false;
                    rotateLeft(x.rbParent);
                    x = root;
                }
            } else {
                SchedEntity w = x.rbParent.rbLeft;
                if (w.rbRed) {
                    w.rbRed = false;
                    x.rbParent.rbRed = true;
                    rotateRight(x.rbParent);
                    w = x.rbParent.rbLeft;
                }
                if (!w.rbRight.rbRed && !w.rbLeft.rbRed) {
                    w.rbRed = true;
                    x = x.rbParent;
                } else {
                    if (!w.rbLeft.rbRed) {
                        w.rbRight.rbRed = false;
                        w.rbRed = true;
                        rotateLeft(w);
                        w = x.rbParent.rbLeft;
                    }
                    w.rbRed = x.rbParent.rbRed;
                    x.rbParent.rbRed = false;
                    w.rbLeft.rbRed = false;
                    rotateRight(x.rbParent);
                    x = root;
                }
            }
        }
        x.rbRed = false;
    }

    private void transplant(SchedEntity u, SchedEntity v) {
        if (u.rbParent == nil) {
            root = v;
        } else if (u == u.rbParent.rbLeft) {
            u.rbParent.rbLeft = v;
        } else {
            u.rbParent.rbRight = v;
        }
        v.rbParent = u.rbParent;
    }

    private void rotateLeft(SchedEntity x) {
        SchedEntity y = x.rbRight;
        x.rbRight = y.rbLeft;
        if (y.rbLeft != nil) {
            y.rbLeft.rbParent = x;
        }
        y.rbParent = x.rbParent;
        if (x.rbParent == nil) {
            root = y;
        } else if (x == x.rbParent.rbLeft) {
            x.rbParent.rbLeft = y;
        } else {
            x.rbParent.rbRight = y;
        }
        y.rbLeft = x;
        x.rbParent = y;
        y.minVruntime = x.minVruntime; // min_vruntime_cb_rotate(): y now holds x's old subtree
        updateMin(x);
    }

    private void rotateRight(SchedEntity x) {
        SchedEntity y = x.rbLeft;
        x.rbLeft = y.rbRight;
        if (y.rbRight != nil) {
            y.rbRight.rbParent = x;
        }
        y.rbParent = x.rbParent;
        if (x.rbParent == nil) {
            root = y;
        } else if (x == x.rbParent.rbRight) {
            x.rbParent.rbRight = y;
        } else {
            x.rbParent.rbLeft = y;
        }
        y.rbRight = x;
        x.rbParent = y;
        y.minVruntime = x.minVruntime;
        updateMin(x);
    }

    private SchedEntity minimum(SchedEntity x) {
        while (x.rbLeft != nil) {
            x = x.rbLeft;
        }
        return x;
    }

    /** rb_next(): the entity after {@code n} in key order, or null. */
    private SchedEntity successor(SchedEntity n) {
        if (n.rbRight != nil) {
            return minimum(n.rbRight);
        }
        SchedEntity y = n.rbParent;
        while (y != nil && n == y.rbRight) {
            n = y;
            y = y.rbParent;
        }
        return y == nil ? null : y;
    }

    /** In key order (rb_first_cached(), then rb_next()). */
    @Override
    public Iterator<Task> iterator() {
        return walk(leftmost, this::successor);
    }

    /** The tasks of the entities from {@code first} on, each entity's {@code next} coming after it (null ends). */
    static Iterator<Task> walk(SchedEntity first, UnaryOperator<SchedEntity> next) {
        return new Iterator<>() {
            private SchedEntity at = first;

            @Override
            public boolean hasNext() {
                return at != null;
            }

            @Override
            public Task next() {
                if (at == null) {
                    throw new NoSuchElementException();
                }
                SchedEntity n = at;
                at = next.apply(n);
                return n.task;
            }
        };
    }

    /** The red-black rules and the cached leftmost, for tests: null when they hold, else what is broken. */
    String check() {
        if (root.rbRed) {
            return "red root";
        }
        int[] count = new int[1];
        String bad = blackHeight(root, count) < 0 ? "unequal black heights or a red node with a red child" : null;
        if (bad == null && count[0] != size) {
            bad = "size " + size + " but " + count[0] + " nodes";
        }
        if (bad == null && size > 0 && leftmost != minimum(root)) {
            bad = "stale leftmost";
        }
        if (bad == null && staleMin(root)) {
            bad = "a stale subtree min_vruntime";
        }
        return bad;
    }

    private boolean staleMin(SchedEntity n) {
        return n != nil && (n.minVruntime != subtreeMin(n) || staleMin(n.rbLeft) || staleMin(n.rbRight));
    }

    private int blackHeight(SchedEntity n, int[] count) {
        if (n == nil) {
            return 1;
        }
        count[0]++;
        if (n.rbRed && (n.rbLeft.rbRed || n.rbRight.rbRed)) {
            return -1;
        }
        if ((n.rbLeft != nil && (n.rbLeft.rbParent != n || less(n, n.rbLeft)))
                || (n.rbRight != nil && (n.rbRight.rbParent != n || less(n.rbRight, n)))) {
            return -1;
        }
        int l = blackHeight(n.rbLeft, count);
        int r = blackHeight(n.rbRight, count);
        if (l < 0 || r < 0 || l != r) {
            return -1;
        }
        return l + (n.rbRed ? 0 : 1);
    }
}
