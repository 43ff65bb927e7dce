package ksim.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import ksim.scenario.TraceCompare;

/**
 * {@code ksim verify}: every golden checked again on this machine's kernel. Each check gets up
 * to {@code tries} attempts, with a growing pause between them; its {@link Verdict} tells a
 * golden the real kernel consistently contradicts (failed) from one it answers differently
 * from run to run (unstable). Checks run {@code jobs} at a time, except those that measure CPU
 * time, which run alone.
 */
public final class Verify {
    private Verify() {}

    /**
     * @param backoff the pause after a first failed attempt; it doubles after each further one
     */
    public record Options(int jobs, int tries, Duration timeout, Duration backoff) {}

    /** A check and its verdict. */
    public record Result(String kind, String name, Verdict verdict) {}

    /**
     * The checks under {@code paths} (directories, searched recursively, or scenario files):
     * each scenario's golden trace, /proc capture and ps capture, in path order; with the
     * recorder's own checks when {@code recorder}.
     */
    public static List<Check> discover(List<Path> paths, Duration timeout, boolean recorder) throws IOException {
        List<Path> scenarios = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".ksim")).forEach(scenarios::add);
                }
            } else {
                scenarios.add(p);
            }
        }
        scenarios.sort(null);
        List<Check> out = new ArrayList<>();
        for (Path sc : scenarios) {
            if (Files.exists(TraceCompare.goldenOf(sc))) {
                out.add(new TraceCheck(sc, timeout));
            }
            if (Files.exists(TraceCompare.sibling(sc, ".proc"))) {
                out.add(new CaptureCheck(sc, CaptureCheck.Of.PROC, timeout));
            }
            if (Files.exists(TraceCompare.sibling(sc, ".ps"))) {
                out.add(new CaptureCheck(sc, CaptureCheck.Of.PS, timeout));
            }
        }
        if (recorder) {
            out.addAll(RecorderCheck.all(timeout));
        }
        return out;
    }

    /** Runs {@code checks}, printing one line per check as the verdicts come, in order, then the totals. */
    public static List<Result> run(List<Check> checks, Options o, PrintStream out) throws InterruptedException {
        ReadWriteLock alone = new ReentrantReadWriteLock(true);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.jobs()));
        List<Future<Verdict>> pending = new ArrayList<>();
        for (Check c : checks) {
            pending.add(pool.submit(() -> verdict(c, o, c.measured() ? alone.writeLock() : alone.readLock())));
        }
        pool.shutdown();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            Verdict v;
            try {
                v = pending.get(i).get();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable t = e.getCause();
                // a file that cannot be read or parsed says so in its own words; anything else is a bug
                v = new Verdict(Verdict.Kind.FAILED, 1, List.of(t instanceof ksim.scenario.ScenarioException
                        ? t.getMessage() : "ksim failed to check it: " + t));
            }
            results.add(new Result(c.kind(), c.name(), v));
            out.println(Report.line(c.name(), v));
            out.flush();
        }
        out.println();
        Report.totals(results, out);
        return results;
    }

    /** A check's attempts until one agrees or the tries run out; skipped when it cannot run here. */
    static Verdict verdict(Check c, Options o, Lock lock) throws Exception {
        String skip = c.skip();
        if (skip != null) {
            return Verdict.skipped(skip);
        }
        List<Attempt> attempts = new ArrayList<>();
        long pause = o.backoff().toMillis();
        while (true) {
            lock.lock();
            try {
                attempts.add(c.attempt());
            } finally {
                lock.unlock();
            }
            if (attempts.get(attempts.size() - 1).agrees() || attempts.size() >= o.tries() || quirkSettled(attempts)) {
                return Verdict.of(attempts);
            }
            Thread.sleep(pause);
            pause *= 2;
        }
    }

    /** Two attempts or more, all with the answer of the same host quirk: a third would not tell more. */
    private static boolean quirkSettled(List<Attempt> attempts) {
        String q = attempts.get(0).quirk();
        return q != null && attempts.size() >= 2 && attempts.stream().allMatch(a -> q.equals(a.quirk()));
    }

    /** The counts per verdict, over {@code results}. */
    public static Map<Verdict.Kind, Integer> count(List<Result> results) {
        Map<Verdict.Kind, Integer> n = new EnumMap<>(Verdict.Kind.class);
        for (Verdict.Kind k : Verdict.Kind.values()) {
            n.put(k, 0);
        }
        results.forEach(r -> n.merge(r.verdict().kind(), 1, Integer::sum));
        return n;
    }

    /** The report's text: a line per check, totals per kind and overall. */
    static final class Report {
        private Report() {}

        static String line(String name, Verdict v) {
            String tries = v.attempts() == 1 ? "1 try" : v.attempts() + " tries";
            StringBuilder b = new StringBuilder();
            switch (v.kind()) {
                case PASSED -> b.append("PASS ").append(name).append(v.attempts() > 1 ? " (after " + tries + ")" : "");
                case FAILED -> b.append("FAIL ").append(name).append(" (the same answer in ").append(tries).append(")");
                case UNSTABLE -> b.append("UNSTABLE ").append(name).append(" (different answers in ").append(tries)
                        .append(")");
                case QUIRK -> b.append("QUIRK ").append(name).append(": this kernel gives the answer of host quirk ")
                        .append(v.detail().get(0)).append(" (not upstream Linux; see conformance/README.md)");
                case SKIPPED -> b.append("SKIP ").append(name).append(": ").append(v.detail().get(0));
            }
            if (v.kind() == Verdict.Kind.FAILED || v.kind() == Verdict.Kind.UNSTABLE) {
                for (String d : v.detail()) {
                    b.append("\n    ").append(d.replace("\n", "\n    "));
                }
            }
            return b.toString();
        }

        static void totals(List<Result> results, PrintStream out) {
            Map<String, List<Result>> byKind = new TreeMap<>();
            results.forEach(r -> byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r));
            byKind.forEach((kind, rs) -> out.printf("%-9s %s%n", kind, summary(count(rs))));
            out.println(summary(count(results)));
        }

        static String summary(Map<Verdict.Kind, Integer> n) {
            String s = n.get(Verdict.Kind.PASSED) + " passed, " + n.get(Verdict.Kind.FAILED) + " failed, "
                    + n.get(Verdict.Kind.UNSTABLE) + " unstable";
            if (n.get(Verdict.Kind.QUIRK) > 0) {
                s += ", " + n.get(Verdict.Kind.QUIRK) + " host quirk" + (n.get(Verdict.Kind.QUIRK) > 1 ? "s" : "");
            }
            return n.get(Verdict.Kind.SKIPPED) == 0 ? s : s + ", " + n.get(Verdict.Kind.SKIPPED) + " skipped";
        }
    }
}
