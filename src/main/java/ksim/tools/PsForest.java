package ksim.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ps/display.c's forest output (BSD f): prep_forest_sort() orders the processes by parent
 * then start time (glibc's qsort is a stable merge sort here, so readdir order breaks ties),
 * show_forest() finds the trees from the end of that order, and show_tree() prints each
 * process with the prefix its children get (" \_ ", " |  ", "    "). Children of PID 1 are
 * printed at its level, as procps does.
 */
final class PsForest {
    private final List<ProcTask> processes;
    private final PsLayout layout;
    private final PsContext ctx;
    private final StringBuilder out;

    private PsForest(List<ProcTask> processes, PsLayout layout, PsContext ctx, StringBuilder out) {
        this.processes = processes;
        this.layout = layout;
        this.ctx = ctx;
        this.out = out;
    }

    static void show(List<ProcTask> reaped, PsLayout layout, PsContext ctx, StringBuilder out) {
        List<ProcTask> sorted = new ArrayList<>(reaped);
        // sort_list is {start_time, ppid}: sorted by start time, then (stably) by ppid
        sorted.sort(Comparator.comparing(p -> p.startTime, Long::compareUnsigned));
        sorted.sort(Comparator.comparingInt(p -> p.ppid));
        new PsForest(sorted, layout, ctx, out).showForest();
    }

    /** show_forest(): every process whose parent is not listed roots a tree, from the end. */
    private void showForest() {
        int n = processes.size();
        for (int i = n - 1; i >= 0; i--) {
            boolean root = true;
            for (int j = n - 1; j >= 0; j--) {
                if (processes.get(j).tgid == processes.get(i).ppid) {
                    root = false;
                    break;
                }
            }
            if (root) {
                showTree(i, 0, false);
            }
        }
    }

    private void setPrefix(int level, char c) {
        StringBuilder fp = ctx.forestPrefix;
        while (fp.length() < level) {
            fp.append(' ');
        }
        fp.setLength(level);
        fp.setCharAt(level - 1, c);
    }

    /** show_tree(self, n, level, have_sibling). */
    private void showTree(int self, int level, boolean haveSibling) {
        int n = processes.size();
        if (level > 0) {
            setPrefix(level, haveSibling ? '+' : 'L');
        }
        ctx.forestPrefix.setLength(level);
        layout.showOneProc(out, ctx, processes.get(self));
        int i = 0;
        int selfPid = processes.get(self).tgid;
        for (;;) {
            if (i >= n) {
                return;
            }
            if (processes.get(i).ppid == selfPid) {
                break;
            }
            i++;
        }
        if (level > 0) {
            setPrefix(level, haveSibling ? '|' : ' ');
        }
        ctx.forestPrefix.setLength(level);
        for (;;) {
            if (i >= n) {
                break;
            }
            boolean moreChildren = i + 1 < n && processes.get(i + 1).ppid == selfPid;
            if (selfPid == 1) {
                showTree(i++, level, moreChildren);
            } else {
                showTree(i++, level + 1, moreChildren);
            }
            if (!moreChildren) {
                break;
            }
        }
        ctx.forestPrefix.setLength(level);
    }
}
