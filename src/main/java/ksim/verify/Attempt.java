package ksim.verify;

import java.util.List;

/**
 * One run of a check on the real kernel: whether it agreed with the golden, the differences
 * when it did not, and what it saw, so that two attempts can be told apart.
 *
 * @param differences empty when the attempt agreed with the golden
 * @param seen what the real kernel gave, in a form {@code same} can compare
 * @param quirk when it disagreed with the golden but agreed with the alternative golden of a
 *     known host quirk (a kernel that differs from upstream Linux there), that quirk's name
 */
public record Attempt(List<String> differences, Object seen, Same same, String quirk) {
    public Attempt(List<String> differences, Object seen, Same same) {
        this(differences, seen, same, null);
    }

    /** Whether two things the real kernel gave are the same answer (by the golden's own rules). */
    @FunctionalInterface
    public interface Same {
        boolean test(Object a, Object b);
    }

    public boolean agrees() {
        return differences.isEmpty();
    }

    /** Whether this attempt and {@code o} saw the same thing. */
    public boolean sameAs(Attempt o) {
        return same.test(seen, o.seen);
    }

    /** An attempt that could not look at the real kernel at all (the program failed to start, say). */
    public static Attempt broken(String why) {
        return new Attempt(List.of(why), why, Object::equals);
    }
}
