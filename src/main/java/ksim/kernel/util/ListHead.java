package ksim.kernel.util;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * include/linux/list.h: an intrusive, circular, doubly linked list.
 *
 * <p>A {@code ListHead} is both the head of a list and the node embedded in an element, as
 * in Linux. Elements embed one {@code ListHead} per list they can be on ({@code children},
 * {@code sibling}, {@code thread_node} ...), so adding and removing is O(1), costs no
 * allocation, and iteration follows insertion order, which keeps the simulation
 * deterministic.
 */
public final class ListHead<T> implements Iterable<T> {
    private ListHead<T> next = this;
    private ListHead<T> prev = this;
    private final T owner;

    /** A list head (owner null) or the node embedded in {@code owner}. */
    public ListHead(T owner) {
        this.owner = owner;
    }

    public static <T> ListHead<T> head() {
        return new ListHead<>(null);
    }

    public T owner() {
        return owner;
    }

    public boolean isEmpty() {
        return next == this;
    }

    /** True when this node is on some list (list_empty on a node initialised with INIT_LIST_HEAD). */
    public boolean isLinked() {
        return next != this;
    }

    /** list_add_tail(node, this). */
    public void addTail(ListHead<T> node) {
        insert(node, prev, this);
    }

    /** list_add(node, this). */
    public void addHead(ListHead<T> node) {
        insert(node, this, next);
    }

    private static <T> void insert(ListHead<T> node, ListHead<T> prev, ListHead<T> next) {
        if (node.isLinked()) {
            throw new IllegalStateException("list node already linked");
        }
        next.prev = node;
        node.next = next;
        node.prev = prev;
        prev.next = node;
    }

    /** list_del_init(this). */
    public void unlink() {
        prev.next = next;
        next.prev = prev;
        next = this;
        prev = this;
    }

    /** list_replace_init(this, node): {@code node} takes this node's place; this node is left unlinked. */
    public void replaceWith(ListHead<T> node) {
        if (node.isLinked()) {
            throw new IllegalStateException("list node already linked");
        }
        if (!isLinked()) {
            return;
        }
        node.next = next;
        node.prev = prev;
        prev.next = node;
        next.prev = node;
        next = this;
        prev = this;
    }

    /** list_splice_tail_init(this, dest): moves every element to the tail of dest. */
    public void spliceTailInto(ListHead<T> dest) {
        if (isEmpty()) {
            return;
        }
        ListHead<T> first = next;
        ListHead<T> last = prev;
        ListHead<T> at = dest.prev;
        at.next = first;
        first.prev = at;
        last.next = dest;
        dest.prev = last;
        next = this;
        prev = this;
    }

    public T first() {
        return isEmpty() ? null : next.owner;
    }

    /** The element after this node, wrapping to the first element when {@code head} is next. */
    public T nextIn(ListHead<T> head) {
        ListHead<T> n = next == head ? head.next : next;
        return n == head ? null : n.owner;
    }

    public int size() {
        int n = 0;
        for (ListHead<T> p = next; p != this; p = p.next) {
            n++;
        }
        return n;
    }

    /** Visits every element; the visitor may unlink the element it is given. */
    public void forEachSafe(Consumer<T> visitor) {
        for (ListHead<T> p = next, n = p.next; p != this; p = n, n = p.next) {
            visitor.accept(p.owner);
        }
    }

    /** The first element's node, or this head when the list is empty (list_first_entry with list_entry_is_head). */
    public ListHead<T> firstNode() {
        return next;
    }

    /** The node after this one (the head again at the end). */
    public ListHead<T> nextNode() {
        return next;
    }

    /** The elements in order, as a snapshot a caller may act on while the list changes. */
    public java.util.List<T> snapshot() {
        java.util.ArrayList<T> a = new java.util.ArrayList<>();
        for (ListHead<T> p = next; p != this; p = p.next) {
            a.add(p.owner);
        }
        return a;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private ListHead<T> p = next;

            @Override
            public boolean hasNext() {
                return p != ListHead.this;
            }

            @Override
            public T next() {
                if (p == ListHead.this) {
                    throw new NoSuchElementException();
                }
                T t = p.owner;
                p = p.next;
                return t;
            }
        };
    }
}
