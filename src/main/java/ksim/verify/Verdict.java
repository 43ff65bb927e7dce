package ksim.verify;

import java.util.List;

/**
 * What the real kernel said of one golden, over one or more attempts.
 * <ul>
 * <li>{@code PASSED}: an attempt agreed with the golden;</li>
 * <li>{@code FAILED}: every attempt disagreed, and all of them the same way: the real kernel
 *     consistently says something else than the golden;</li>
 * <li>{@code UNSTABLE}: every attempt disagreed, but not all the same way: the real kernel gave
 *     different answers, so this machine (busy, or timing-sensitive scenario) cannot tell;</li>
 * <li>{@code QUIRK}: every attempt gave the answer recorded for a known host quirk (a kernel
 *     whose vendor patches make it differ from upstream Linux there): not a failure of the
 *     golden, which holds upstream's answer;</li>
 * <li>{@code SKIPPED}: not checked here (a prerequisite is missing; the reason says which).</li>
 * </ul>
 *
 * @param attempts how many attempts were made
 * @param detail for FAILED and UNSTABLE, the first attempt's differences; for QUIRK, its name;
 *     for SKIPPED, why
 */
public record Verdict(Kind kind, int attempts, List<String> detail) {
    public enum Kind { PASSED, FAILED, UNSTABLE, QUIRK, SKIPPED }

    static Verdict skipped(String why) {
        return new Verdict(Kind.SKIPPED, 0, List.of(why));
    }

    /** The verdict of a finished series of attempts (none agreed but, if any did, the last). */
    static Verdict of(List<Attempt> attempts) {
        Attempt last = attempts.get(attempts.size() - 1);
        if (last.agrees()) {
            return new Verdict(Kind.PASSED, attempts.size(), List.of());
        }
        Attempt first = attempts.get(0);
        if (first.quirk() != null && attempts.stream().allMatch(a -> first.quirk().equals(a.quirk()))) {
            return new Verdict(Kind.QUIRK, attempts.size(), List.of(first.quirk()));
        }
        boolean consistent = attempts.stream().allMatch(a -> a.sameAs(first));
        return new Verdict(consistent ? Kind.FAILED : Kind.UNSTABLE, attempts.size(), first.differences());
    }
}
