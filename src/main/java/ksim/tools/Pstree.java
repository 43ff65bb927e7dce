package ksim.tools;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.proc.ProcView;

/**
 * psmisc 23.6's pstree with ASCII line drawing (-A, and what pstree picks when standard
 * output is not a terminal) over a {@link ProcView}: src/pstree.c read_proc(), which adds
 * each process and its threads ("{comm}") under their parents with children kept sorted by
 * name, fix_orphans(), then dump_tree(), which merges identical sibling subtrees into
 * "N*[name]" unless PIDs are shown, and cuts lines at the output width with a '+'.
 */
public final class Pstree {
    /** pstree.c COMM_LEN. */
    private static final int COMM_LEN = 64;

    /**
     * pstree's options.
     *
     * @param showPids -p: "(pid)" after each name; turns compaction off
     * @param showPgids -g: "(pgid)" after each name
     * @param rootPid the PID argument: the tree starts there (null: 1)
     * @param width the output width: COLUMNS, else the terminal's, else 132; 0 or less is -l
     *     (no truncation)
     * @param compact merge identical subtrees (-c turns it off)
     * @param numericSort -n: children by PID rather than by name
     * @param hideThreads -T: no thread entries
     */
    public record Options(boolean showPids, boolean showPgids, Integer rootPid, int width, boolean compact,
            boolean numericSort, boolean hideThreads) {
        /** Plain {@code pstree -A} into a pipe: rooted at 1, 132 columns, compacted. */
        public static Options defaults() {
            return new Options(false, false, null, 132, true, false, false);
        }

        /** -p as pstree.c handles it: PIDs shown, compaction off. */
        public Options withPids(boolean on) {
            return new Options(on, showPgids, rootPid, width, on ? false : compact, numericSort, hideThreads);
        }

        public Options withRoot(Integer pid) {
            return new Options(showPids, showPgids, pid, width, compact, numericSort, hideThreads);
        }

        public Options withWidth(int w) {
            return new Options(showPids, showPgids, rootPid, w, compact, numericSort, hideThreads);
        }
    }

    /** {@code pstree -A [-p] [PID]} into a pipe. */
    public static String render(ProcView view, boolean showPids, Integer rootPid) {
        return render(view, Options.defaults().withPids(showPids).withRoot(rootPid));
    }

    public static String render(ProcView view, Options options) {
        Pstree t = new Pstree(options);
        t.readProc(view);
        t.dumpTree(t.findProc(options.rootPid() == null ? 1 : options.rootPid()), 0, 1, true, true, 0);
        return t.out.toString();
    }

    /** pstree.c PROC. */
    private static final class Proc {
        String comm;
        final int pid;
        int pgid;
        int uid;
        boolean thread;
        final List<Proc> children = new ArrayList<>();
        Proc parent;

        Proc(String comm, int pid, int uid) {
            this.comm = truncComm(comm);
            this.pid = pid;
            this.uid = uid;
        }
    }

    private final Options opts;
    /** pstree.c list: newest first. */
    private final List<Proc> list = new ArrayList<>();
    private final java.util.Map<Integer, Proc> byPid = new java.util.HashMap<>();
    private final StringBuilder out = new StringBuilder();
    private final List<Integer> width = new ArrayList<>();
    private final List<Boolean> more = new ArrayList<>();
    private int curX = 1;
    private int charLen;

    private Pstree(Options opts) {
        this.opts = opts;
    }

    private static String truncComm(String comm) {
        return comm.length() > COMM_LEN + 1 ? comm.substring(0, COMM_LEN + 1) : comm;
    }

    /** find_proc(): PIDs in the list are unique (a proc is only made when none is found). */
    private Proc findProc(int pid) {
        return byPid.get(pid);
    }

    private Proc newProc(String comm, int pid, int uid) {
        Proc p = new Proc(comm, pid, uid);
        list.add(p); // the end of this list is the head of pstree's
        byPid.put(pid, p);
        return p;
    }

    /** add_child(): in name order (then uid), after the equal ones; or by PID with -n. */
    private void addChild(Proc parent, Proc child) {
        List<Proc> c = parent.children;
        int at = 0;
        for (; at < c.size(); at++) {
            Proc w = c.get(at);
            if (opts.numericSort()) {
                if (w.pid > child.pid) {
                    break;
                }
            } else {
                int cmp = compareBytes(w.comm, child.comm);
                if (cmp > 0) {
                    break;
                }
                if (cmp == 0 && Integer.compareUnsigned(w.uid, child.uid) > 0) {
                    break;
                }
            }
        }
        c.add(at, child);
    }

    private static int compareBytes(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int d = (a.charAt(i) & 0xff) - (b.charAt(i) & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return a.length() - b.length();
    }

    /** rename_proc(): a placeholder gets its name; one bubble pass re-sorts its siblings. */
    private void renameProc(Proc p, String comm, int uid) {
        p.comm = truncComm(comm);
        p.uid = uid;
        if (!opts.numericSort() && p.parent != null) {
            List<Proc> c = p.parent.children;
            for (int i = 0; i + 1 < c.size(); i++) {
                if (compareBytes(c.get(i).comm, c.get(i + 1).comm) > 0) {
                    Proc tmp = c.get(i);
                    c.set(i, c.get(i + 1));
                    c.set(i + 1, tmp);
                }
            }
        }
    }

    /** add_proc(). */
    private void addProc(String comm, int pid, int ppid, int pgid, int uid, boolean isThread) {
        Proc p = findProc(pid);
        if (p == null) {
            p = newProc(comm, pid, uid);
        } else {
            renameProc(p, comm, uid);
        }
        if (pid == ppid) {
            ppid = 0;
        }
        p.pgid = pgid;
        if (isThread) {
            p.thread = true;
        }
        Proc parent = findProc(ppid);
        if (parent == null) {
            parent = newProc("?", ppid, 0);
        }
        if (pid != 0) {
            addChild(parent, p);
            p.parent = parent;
        }
    }

    /** read_proc(): every numeric /proc entry with a readable stat, its threads first. */
    private void readProc(ProcView view) {
        List<String> names = view.list("/proc");
        if (names != null) {
            for (String name : names) {
                Integer pid = strtolWhole(name);
                if (pid == null) {
                    continue;
                }
                String stat = view.read("/proc/" + pid + "/stat");
                if (stat == null) {
                    continue;
                }
                if (stat.length() > 8192) {
                    stat = stat.substring(0, 8192);
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String comm = cString(stat.substring(open + 1, close));
                ProcTask.Scan sc = new ProcTask.Scan(stat, close + 2);
                if (!sc.more()) {
                    continue;
                }
                sc.ch();
                if (!sc.more()) {
                    continue;
                }
                int ppid = (int) sc.num();
                if (!sc.more()) {
                    continue;
                }
                int pgid = (int) sc.num();
                boolean complete = true;
                for (int k = 0; k < 16 && complete; k++) {
                    complete = !sc.word().isEmpty();
                }
                if (!complete || !sc.more() || !Character.isDigit(sc.word().charAt(0))) {
                    continue; // sscanf(..., "%*c %d %d %*s x16 %Lu") != 3
                }
                int uid = uidOf(view, pid);
                if (!opts.hideThreads()) {
                    List<String> tasks = view.list("/proc/" + pid + "/task");
                    if (tasks != null) {
                        for (String t : tasks) {
                            int thread = atoi(t);
                            if (thread != 0 && thread != pid) {
                                String threadName = "{" + (comm.length() > COMM_LEN ? comm.substring(0, COMM_LEN) : comm)
                                        + "}";
                                addProc(threadName, thread, pid, pgid, uid, true);
                            }
                        }
                    }
                }
                addProc(comm, pid, ppid, pgid, uid, false);
            }
        }
        fixOrphans();
    }

    /** The owner pstree stat()s /proc/PID for: the effective uid, as procfs gives a dumpable process. */
    private static int uidOf(ProcView view, int pid) {
        String status = view.read("/proc/" + pid + "/status");
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith("Uid:")) {
                    ProcTask.Scan sc = new ProcTask.Scan(line, 4);
                    sc.num();
                    return (int) sc.num();
                }
            }
        }
        return 0;
    }

    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** strtol() that must consume the whole name. */
    private static Integer strtolWhole(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == start || i != s.length()) {
            return null;
        }
        return (int) (neg ? -v : v);
    }

    private static int atoi(String s) {
        Integer v = strtolWhole(s);
        if (v != null) {
            return v;
        }
        int i = 0;
        long r = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            r = r * 10 + (s.charAt(i) - '0');
            i++;
        }
        return (int) r;
    }

    /** fix_orphans(): anything without a parent goes under PID 1. */
    private void fixOrphans() {
        Proc root = findProc(1);
        if (root == null) {
            root = newProc("?", 1, 0);
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            Proc w = list.get(i);
            if (w.pid == 1 || w.pid == 0) {
                continue;
            }
            if (w.parent == null) {
                addChild(root, w);
                w.parent = root;
            }
        }
    }

    /** tree_equal(). */
    private static boolean treeEqual(Proc a, Proc b) {
        if (!a.comm.equals(b.comm)) {
            return false;
        }
        if (a.children.size() != b.children.size()) {
            return false;
        }
        for (int i = 0; i < a.children.size(); i++) {
            if (!treeEqual(a.children.get(i), b.children.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean truncating() {
        return opts.width() > 0;
    }

    /** out_char(): a column per character (a UTF-8 sequence counts once), cut with '+'. */
    private void outChar(char c) {
        if (charLen == 0) {
            if ((c & 0x80) == 0 || c > 0xff) {
                charLen = 1;
            } else if ((c & 0xe0) == 0xc0) {
                charLen = 2;
            } else if ((c & 0xf0) == 0xe0) {
                charLen = 3;
            } else if ((c & 0xf8) == 0xf0) {
                charLen = 4;
            } else {
                charLen = 1;
            }
            curX++;
        }
        charLen--;
        if (!truncating() || curX <= opts.width()) {
            out.append(c);
        } else if (curX == opts.width() + 1) {
            out.append('+');
        }
    }

    private void outString(String s) {
        for (int i = 0; i < s.length(); i++) {
            outChar(s.charAt(i));
        }
    }

    /** out_int(): non-negative numbers only; 0 prints nothing (and counts as one digit). */
    private int outInt(int x) {
        if (x == 0) {
            return 1;
        }
        String s = Integer.toString(x);
        outString(s);
        return s.length();
    }

    /** out_args(): backslashes doubled, non-printing bytes as \ooo; returns the cells. */
    private int outArgs(String s) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                outString("\\\\");
                count += 2;
            } else if (c >= ' ' && c <= '~') {
                outChar(c);
                count++;
            } else {
                outString(String.format("\\%03o", c & 0xff));
                count += 4;
            }
        }
        return count;
    }

    private void outNewline() {
        out.append('\n');
        curX = 1;
    }

    private static void set(List<Integer> l, int i, int v) {
        while (l.size() <= i) {
            l.add(0);
        }
        l.set(i, v);
    }

    private static void setMore(List<Boolean> l, int i, boolean v) {
        while (l.size() <= i) {
            l.add(false);
        }
        l.set(i, v);
    }

    /** dump_tree() without -a/-Z: the name line and its children, the first on the same line. */
    private void dumpTree(Proc current, int level, int rep, boolean leaf, boolean last, int closing) {
        if (current == null) {
            return;
        }
        if (!leaf) {
            for (int lvl = 0; lvl < level; lvl++) {
                for (int i = width.get(lvl) + 1; i > 0; i--) {
                    outChar(' ');
                }
                outString(lvl == level - 1 ? (last ? "`-" : "|-") : (more.get(lvl + 1) ? "| " : "  "));
            }
        }
        int add = 0;
        if (rep >= 2) {
            add = outInt(rep) + 2;
            outString("*[");
        }
        int commLen = outArgs(current.comm);
        int offset = curX;
        int info = 0;
        if (opts.showPids()) {
            outChar(info++ > 0 ? ',' : '(');
            outInt(current.pid);
        }
        if (opts.showPgids()) {
            outChar(info++ > 0 ? ',' : '(');
            outInt(current.pgid);
        }
        if (info > 0) {
            outChar(')');
        }
        if (current.children.isEmpty()) {
            while (closing-- > 0) {
                outChar(']');
            }
            outNewline();
        }
        setMore(more, level, !last);
        set(width, level, commLen + curX - offset + add);
        if (curX >= opts.width() && truncating()) {
            outString("-+-");
            outString("+");
            outNewline();
            return;
        }
        boolean first = true;
        List<Proc> kids = current.children;
        for (int w = 0; w < kids.size(); w++) {
            Proc child = kids.get(w);
            int count = 0;
            if (opts.compact()) {
                for (int s = w + 1; s < kids.size();) {
                    if (treeEqual(child, kids.get(s))) {
                        kids.remove(s);
                        count++;
                    } else {
                        s++;
                    }
                }
            }
            boolean hasNext = w + 1 < kids.size();
            if (first) {
                outString(hasNext ? "-+-" : "---");
                first = false;
            }
            dumpTree(child, level + 1, count + 1, w == 0, !hasNext, closing + (count > 0 ? 1 : 0));
        }
    }
}
