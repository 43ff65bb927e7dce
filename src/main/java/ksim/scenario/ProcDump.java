package ksim.scenario;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.proc.ProcView;

/**
 * Printing files of a /proc view, the same way for the simulated kernel ({@code ksim cat}) and
 * the real one ({@code ksim capture}): either as cat(1) prints them, or as sections headed
 * {@code ==> PATH <==} (the inspect/ goldens), with cat's messages for what cannot be read.
 */
public final class ProcDump {
    private ProcDump() {}

    /** What was printed, and one {@code PATH: reason} per file that could not be read. */
    public record Out(String text, List<String> errors) {}

    /** The header of a section: {@code ==> PATH <==}, as head(1) separates files. */
    public static String header(String path) {
        return "==> " + path + " <==";
    }

    /** cat PATH...: the files' bytes one after the other. */
    public static Out cat(ProcView v, List<String> paths) {
        return dump(v, paths, false);
    }

    /** Each file as a section: its header line, then its text. */
    public static Out sections(ProcView v, List<String> paths) {
        return dump(v, paths, true);
    }

    private static Out dump(ProcView v, List<String> paths, boolean sections) {
        StringBuilder sb = new StringBuilder();
        List<String> errors = new ArrayList<>();
        for (String p : paths) {
            String text = v.read(p);
            if (text == null) {
                // cat's two messages: a directory can be listed but not read
                errors.add(p + ": " + (v.list(p) != null ? "Is a directory" : "No such file or directory"));
                continue;
            }
            if (sections) {
                sb.append(header(p)).append('\n');
            }
            sb.append(text);
        }
        return new Out(sb.toString(), errors);
    }

    /** The files of one task that the inspect/ goldens hold. */
    static final List<String> TASK_FILES = List.of("stat", "status", "sched");

    /**
     * Every task in the view: /proc/PID/{stat,status,sched} for each process (numeric entry of
     * /proc, in PID order), and /proc/PID/task/TID/{stat,status,sched} for each thread of a
     * process that has more than one.
     */
    public static List<String> allTaskPaths(ProcView v) {
        List<String> out = new ArrayList<>();
        for (int pid : numeric(v.list("/proc"))) {
            for (String f : TASK_FILES) {
                out.add("/proc/" + pid + "/" + f);
            }
            List<Integer> tids = numeric(v.list("/proc/" + pid + "/task"));
            if (tids.size() > 1) {
                for (int tid : tids) {
                    for (String f : TASK_FILES) {
                        out.add("/proc/" + pid + "/task/" + tid + "/" + f);
                    }
                }
            }
        }
        return out;
    }

    /** The numeric names of a listing, in numeric order (readdir gives /proc's PIDs in that order too). */
    private static List<Integer> numeric(List<String> names) {
        List<Integer> out = new ArrayList<>();
        if (names != null) {
            for (String n : names) {
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit) && n.length() < 10) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        out.sort(null);
        return out;
    }
}
