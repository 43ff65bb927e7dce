package ksim.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the text of an ftrace trace (the {@code trace} file's format, as {@code --ftrace}
 * writes it and as the real kernel prints it) for the things any real schedule obeys:
 *
 * <ul>
 *   <li>each CPU runs one task at a time: every sched_switch switches out the task the
 *       previous one on that CPU switched in, and every event on a CPU is emitted by the task
 *       that CPU runs;
 *   <li>no task runs on two CPUs at once, and a task is switched in on the CPU its last
 *       wake-up or migration put it on;
 *   <li>a task that went to sleep is woken before it runs again, and one that exited (Z or
 *       X) never runs again;
 *   <li>a PID is never given to a new task while the task that holds it is alive (created and
 *       not yet exited);
 *   <li>time never goes backwards, CPUs are below #P, the header's entry count is right.
 * </ul>
 *
 * One thing changes a running task's pid: an exec from a thread other than the leader, whose
 * de_thread() swaps the thread's pid with the dead leader's (exchange_tids()). The events
 * from then on carry the new pid, before sched_process_exec (old_pid, pid) says so; the
 * checker looks ahead for that exec and swaps the two pids' histories where the new pid
 * first shows.
 *
 * A <em>complete</em> trace (ksim's: traced from boot to a machine with nothing left to do)
 * must also have created every task it shows, freed only exited ones, and end with every
 * CPU idle — every task switched in was switched out. A real capture starts and ends in the
 * middle of things, so those checks are off for it.
 */
public final class TraceChecker {
    private TraceChecker() {}

    /**
     * The line format, after Perfetto's systrace line parser: comm-pid, an optional
     * (tgid) column, [cpu], the flags, secs.usecs, the event and its fields.
     */
    static final Pattern LINE = Pattern.compile(
            "^\\s*(.*)-(\\d+)\\s+(?:\\(\\s*(-+|\\d+)\\)\\s+)?\\[(\\d+)\\]\\s+(\\S{4,5})\\s+(\\d+)\\.(\\d{6}): (\\w+): (.*)$");
    private static final Pattern SWITCH = Pattern.compile(
            "^prev_comm=(.*) prev_pid=(-?\\d+) prev_prio=(-?\\d+) prev_state=(\\S+)"
            + " ==> next_comm=(.*) next_pid=(-?\\d+) next_prio=(-?\\d+)$");
    private static final Pattern STATE = Pattern.compile("^(R\\+?|[SDTtXZPI](\\|[SDTtXZPI])*\\+?)$");
    private static final Pattern HEADER_COUNTS = Pattern.compile("^# entries-in-buffer/entries-written: (\\d+)/(\\d+)\\s+#P:(\\d+)$");

    /** One event line, parsed. */
    record Line(int no, String comm, int pid, int cpu, String flags, long ts, String event, String fields) {}

    /** Parses the event lines (header lines skipped). Lines that do not parse are reported in {@code problems}. */
    static List<Line> parse(String text, List<String> problems) {
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                problems.add("line " + (i + 1) + ": not an ftrace line: " + l);
                continue;
            }
            long ts = Long.parseLong(m.group(6)) * 1_000_000 + Long.parseLong(m.group(7));
            out.add(new Line(i + 1, m.group(1).trim(), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)),
                    m.group(5), ts, m.group(8), m.group(9)));
        }
        return out;
    }

    /** The value of {@code key=} in an event's fields (up to the next space). */
    static int intField(String fields, String key) {
        int at = fields.startsWith(key + "=") ? 0 : fields.indexOf(" " + key + "=");
        if (at < 0) {
            throw new IllegalArgumentException("no " + key + " in " + fields);
        }
        int start = fields.indexOf('=', at) + 1;
        int end = fields.indexOf(' ', start);
        return Integer.parseInt(fields.substring(start, end < 0 ? fields.length() : end));
    }

    /** The problems found in {@code text} (empty when it is consistent). */
    public static List<String> check(String text, boolean complete) {
        List<String> problems = new ArrayList<>();
        String[] head = text.split("\n", 4);
        if (head.length == 0 || !head[0].equals("# tracer: nop")) {
            problems.add("line 1: the trace does not start with '# tracer: nop'");
        }
        int cpus = Integer.MAX_VALUE;
        long entries = -1;
        for (String h : head) {
            Matcher m = HEADER_COUNTS.matcher(h);
            if (m.matches()) {
                entries = Long.parseLong(m.group(1));
                cpus = Integer.parseInt(m.group(3));
            }
        }
        List<Line> lines = parse(text, problems);
        if (entries >= 0 && entries != lines.size()) {
            problems.add("header: entries-in-buffer says " + entries + ", the trace has " + lines.size() + " events");
        }
        new Run(complete, cpus, problems).check(lines);
        return problems;
    }

    /** The state the checker follows through the trace. */
    private static final class Run {
        final boolean complete;
        final int cpus;
        final List<String> problems;
        /** CPU → the pid it runs (absent: not known yet). */
        final Map<Integer, Integer> curr = new HashMap<>();
        /** pid → the CPU it runs on now. */
        final Map<Integer, Integer> running = new HashMap<>();
        /** pid → the CPU it is queued on or last ran on, as the trace last said. */
        final Map<Integer, Integer> cpuOf = new HashMap<>();
        /** Created (task_newtask) and not exited (sched_process_exit). */
        final Set<Integer> alive = new HashSet<>();
        /** Switched out asleep, not woken since. */
        final Set<Integer> asleep = new HashSet<>();
        /** Switched out for good (Z or X), not re-created since. */
        final Set<Integer> gone = new HashSet<>();
        /** pid → exits not yet followed by sched_process_free. */
        final Map<Integer, Integer> unfreed = new HashMap<>();
        long lastTs = Long.MIN_VALUE;
        /** Per CPU: execs ahead that swap a running thread's pid ({old, new}), in trace order. */
        final Map<Integer, java.util.ArrayDeque<int[]>> swaps = new HashMap<>();

        Run(boolean complete, int cpus, List<String> problems) {
            this.complete = complete;
            this.cpus = cpus;
            this.problems = problems;
        }

        void bad(Line l, String what) {
            problems.add("line " + l.no() + ": " + what);
        }

        void check(List<Line> lines) {
            for (Line l : lines) {
                if (l.event().equals("sched_process_exec")) {
                    try {
                        int pid = intField(l.fields(), "pid"), old = intField(l.fields(), "old_pid");
                        if (pid != old) {
                            swaps.computeIfAbsent(l.cpu(), c -> new java.util.ArrayDeque<>()).add(new int[] {old, pid});
                        }
                    } catch (RuntimeException e) {
                        // reported when the line itself is checked
                    }
                }
            }
            for (Line l : lines) {
                try {
                    one(l);
                } catch (RuntimeException e) {
                    bad(l, "cannot read the fields of " + l.event() + ": " + l.fields());
                }
            }
            if (complete) {
                for (Map.Entry<Integer, Integer> c : new java.util.TreeMap<>(curr).entrySet()) {
                    if (c.getValue() != 0) {
                        problems.add("end: CPU " + c.getKey() + " still runs pid " + c.getValue()
                                + " (switched in, never switched out)");
                    }
                }
            }
        }

        void one(Line l) {
            checkContext(l);
            switch (l.event()) {
                case "sched_switch" -> sched_switch(l);
                case "sched_waking" -> {
                    int pid = intField(l.fields(), "pid");
                    expectCpu(l, pid, intField(l.fields(), "target_cpu"), "is woken from CPU");
                }
                case "sched_wakeup", "sched_wakeup_new" -> sched_wakeup(l);
                case "sched_migrate_task" -> sched_migrate_task(l);
                case "task_newtask" -> task_newtask(l);
                case "sched_process_fork" -> {
                    int child = intField(l.fields(), "child_pid");
                    if (complete && !alive.contains(child)) {
                        bad(l, "sched_process_fork of pid " + child + " with no task_newtask");
                    }
                }
                case "sched_process_exit" -> sched_process_exit(l);
                case "sched_process_free" -> sched_process_free(l);
                default -> {
                }
            }
        }

        /** What every line must agree with: time order, the CPU, the task that runs there, a known pid. */
        private void checkContext(Line l) {
            if (l.ts() < lastTs) {
                bad(l, "time goes backwards");
            }
            lastTs = l.ts();
            if (l.cpu() >= cpus) {
                bad(l, "CPU " + l.cpu() + " but the machine has " + cpus);
            }
            Integer onCpu = curr.get(l.cpu());
            int[] swap = swaps.containsKey(l.cpu()) ? swaps.get(l.cpu()).peek() : null;
            if (swap != null && onCpu != null && onCpu == swap[0] && l.pid() == swap[1]) {
                exchangeTids(swap[0], swap[1]);
                swaps.get(l.cpu()).poll();
                onCpu = curr.get(l.cpu());
            }
            if (onCpu != null && onCpu != l.pid()) {
                bad(l, "pid " + l.pid() + " emits on CPU " + l.cpu() + ", which runs pid " + onCpu);
            }
            if (complete && l.pid() != 0 && !alive.contains(l.pid()) && !gone.contains(l.pid())
                    && !unfreed.containsKey(l.pid())) {
                bad(l, "pid " + l.pid() + " was never created");
            }
        }

        private void sched_wakeup(Line l) {
            int pid = intField(l.fields(), "pid");
            if (l.event().equals("sched_wakeup_new") && complete && !alive.contains(pid)) {
                bad(l, "sched_wakeup_new of pid " + pid + ", which was not created");
            }
            if (gone.contains(pid)) {
                bad(l, "pid " + pid + " woken after it exited");
            }
            asleep.remove(pid);
            cpuOf.put(pid, intField(l.fields(), "target_cpu"));
        }

        private void sched_migrate_task(Line l) {
            int pid = intField(l.fields(), "pid");
            if (running.containsKey(pid)) {
                bad(l, "pid " + pid + " migrated while it runs on CPU " + running.get(pid));
            }
            expectCpu(l, pid, intField(l.fields(), "orig_cpu"), "migrates from CPU");
            cpuOf.put(pid, intField(l.fields(), "dest_cpu"));
        }

        private void task_newtask(Line l) {
            int pid = intField(l.fields(), "pid");
            if (alive.contains(pid)) {
                bad(l, "pid " + pid + " given to a new task while its holder is alive");
            }
            alive.add(pid);
            gone.remove(pid);
            asleep.remove(pid);
            cpuOf.remove(pid);
        }

        private void sched_process_exit(Line l) {
            int pid = intField(l.fields(), "pid");
            if (pid != l.pid()) {
                bad(l, "pid " + l.pid() + " reports the exit of pid " + pid);
            }
            if (complete && !alive.contains(pid)) {
                bad(l, "pid " + pid + " exits but is not alive");
            }
            alive.remove(pid);
            unfreed.merge(pid, 1, Integer::sum);
        }

        private void sched_process_free(Line l) {
            int pid = intField(l.fields(), "pid");
            Integer n = unfreed.get(pid);
            if (complete && n == null) {
                bad(l, "pid " + pid + " freed before it exited");
            } else if (n != null) {
                if (n == 1) {
                    unfreed.remove(pid);
                } else {
                    unfreed.put(pid, n - 1);
                }
            }
            if (running.containsKey(pid) && !alive.contains(pid)) {
                bad(l, "pid " + pid + " freed while it runs");
            }
        }

        void sched_switch(Line l) {
            Matcher m = SWITCH.matcher(l.fields());
            if (!m.matches()) {
                bad(l, "sched_switch fields do not parse: " + l.fields());
                return;
            }
            int prev = Integer.parseInt(m.group(2));
            String state = m.group(4);
            int next = Integer.parseInt(m.group(6));
            if (!STATE.matcher(state).matches()) {
                bad(l, "prev_state " + state + " is not a state");
            }
            if (prev != l.pid()) {
                bad(l, "sched_switch from pid " + prev + " emitted by pid " + l.pid());
            }
            Integer was = curr.get(l.cpu());
            if (was != null && was != prev) {
                bad(l, "CPU " + l.cpu() + " switches out pid " + prev + " but runs pid " + was);
            }
            if (prev != 0) {
                running.remove(prev);
                cpuOf.put(prev, l.cpu());
                char s = state.charAt(0);
                if (s == 'Z' || s == 'X') {
                    gone.add(prev);
                    asleep.remove(prev);
                } else if (s != 'R') {
                    asleep.add(prev);
                }
            }
            if (next != 0) {
                Integer other = running.get(next);
                if (other != null) {
                    bad(l, "pid " + next + " switched in on CPU " + l.cpu() + " while it runs on CPU " + other);
                }
                if (gone.contains(next)) {
                    bad(l, "pid " + next + " switched in after it exited");
                }
                if (asleep.contains(next)) {
                    bad(l, "pid " + next + " switched in without a wake-up since it went to sleep");
                }
                if (complete && !alive.contains(next) && !unfreed.containsKey(next)) {
                    bad(l, "pid " + next + " switched in but never created");
                }
                expectCpu(l, next, l.cpu(), "is switched in on CPU");
                running.put(next, l.cpu());
                cpuOf.put(next, l.cpu());
            }
            curr.put(l.cpu(), next);
        }

        /** de_thread()'s exchange_tids(): the exec'ing thread takes the leader's pid, the dead leader its. */
        void exchangeTids(int a, int b) {
            for (Map<Integer, Integer> m : List.of(curr, running, cpuOf, unfreed)) {
                swapIn(m, a, b);
            }
            for (Set<Integer> set : List.of(alive, asleep, gone)) {
                boolean hasA = set.remove(a), hasB = set.remove(b);
                if (hasA) {
                    set.add(b);
                }
                if (hasB) {
                    set.add(a);
                }
            }
        }

        /** Swaps the keys a and b of m, and for curr (CPU → pid) the values. */
        private void swapIn(Map<Integer, Integer> m, int a, int b) {
            if (m == curr) {
                m.replaceAll((cpu, pid) -> pid == a ? b : pid == b ? a : pid);
                return;
            }
            Integer va = m.remove(a), vb = m.remove(b);
            if (va != null) {
                m.put(b, va);
            }
            if (vb != null) {
                m.put(a, vb);
            }
        }

        /** The trace put {@code pid} on a CPU other than {@code cpu}? */
        void expectCpu(Line l, int pid, int cpu, String what) {
            Integer known = cpuOf.get(pid);
            if (known != null && known != cpu) {
                bad(l, "pid " + pid + " " + what + " " + cpu + " but the trace put it on CPU " + known);
            }
        }
    }
}
