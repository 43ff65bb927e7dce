package ksim.tools;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import ksim.kernel.proc.ProcView;

/**
 * procps-ng 4.0.2's ps over a {@link ProcView}: what {@code ps -ef}, {@code ps -eLf},
 * {@code ps aux}, {@code ps axjf} and {@code ps -el} (and the neighbouring combinations of
 * -e -f -l -L -j, a x u j l f) print with standard output not a terminal, in the C locale.
 * It reads only /proc, as procps does (ps/display.c main(): parse, then simple_spew() or
 * fancy_spew() for the forest).
 */
public final class Ps {
    private Ps() {}

    /**
     * What ps takes from outside /proc.
     *
     * @param nowEpochSeconds time(NULL), deciding whether STIME/START shows a time, a date or
     *     a year; null for the /proc's own clock: its boot time plus its uptime
     * @param zone the local time zone (TZ)
     * @param users the user names (getpwuid())
     * @param columns the terminal width (COLUMNS); 0 when standard output is not a terminal,
     *     which leaves the last column unlimited
     */
    public record Options(Long nowEpochSeconds, ZoneId zone, UserNames users, int columns) {
        /** The simulated system's: its own clock, UTC, only root named, not a terminal. */
        public static Options defaults() {
            return new Options(null, ZoneOffset.UTC, UserNames.rootOnly(), 0);
        }

        /** This machine's: the wall clock, the system time zone and /etc/passwd. */
        public static Options host() {
            return new Options(System.currentTimeMillis() / 1000, ZoneId.systemDefault(),
                    UserNames.passwd(Path.of("/etc/passwd")), 0);
        }

        public Options withNow(Long epochSeconds) {
            return new Options(epochSeconds, zone, users, columns);
        }

        public Options withZone(ZoneId z) {
            return new Options(nowEpochSeconds, z, users, columns);
        }

        public Options withUsers(UserNames u) {
            return new Options(nowEpochSeconds, zone, u, columns);
        }

        public Options withColumns(int c) {
            return new Options(nowEpochSeconds, zone, users, c);
        }
    }

    /** {@link #render(ProcView, String, Options)} with {@link Options#defaults()}. */
    public static String render(ProcView view, String format) {
        return render(view, format, Options.defaults());
    }

    /**
     * The text ps prints for {@code format} (e.g. "-ef", "-eLf", "aux", "axjf", "-el").
     *
     * @throws IllegalArgumentException for options outside those supported
     */
    public static String render(ProcView view, String format, Options options) {
        PsFormat fmt = PsFormat.parse(format);
        SysInfo sys = SysInfo.read(view);
        long now = options.nowEpochSeconds() != null ? options.nowEpochSeconds()
                : (sys.bootTime & 0xffffffffL) + (long) sys.uptimeSecs;
        PsContext ctx = new PsContext(view, sys, now, options.zone(), options.users(), fmt.unixF);
        int screenCols = options.columns() > 0 && options.columns() < PsContext.OUTBUF_SIZE
                ? options.columns() : PsContext.OUTBUF_SIZE;
        PsLayout layout = new PsLayout(fmt.columns(sys.pidLength), screenCols);
        StringBuilder out = new StringBuilder();
        layout.showOneProc(out, ctx, null);
        if (fmt.forest) {
            PsForest.show(ProcTable.processes(view), layout, ctx, out);
        } else {
            List<ProcTask> rows = fmt.threads ? ProcTable.threads(view) : ProcTable.processes(view);
            for (ProcTask p : rows) {
                layout.showOneProc(out, ctx, p);
            }
        }
        return out.toString();
    }
}
