package ksim.tools;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import ksim.kernel.proc.ProcView;

/**
 * What ps's pr_* functions see besides the process: the /proc being read, the system
 * numbers, "now" (seconds_since_1970) and the time zone, user names, the forest prefix being
 * drawn and max_rightward, the room show_one_proc() gives the column being printed.
 */
final class PsContext {
    /** ps/common.h OUTBUF_SIZE. */
    static final int OUTBUF_SIZE = 2 * 64 * 1024;

    final ProcView view;
    final SysInfo sys;
    final TtyName tty;
    final long now;
    final ZoneId zone;
    private final UserNames users;
    private final Map<Integer, String> userCache = new HashMap<>();
    /** -f given: "comm"/"ucmd" print the command line (unix_f_option). */
    final boolean unixF;
    /** display.c forest_prefix: one of ' ', 'L', '+', '|' per level. */
    final StringBuilder forestPrefix = new StringBuilder();
    /** output.c max_rightward. */
    int maxRightward = OUTBUF_SIZE - 1;

    PsContext(ProcView view, SysInfo sys, long now, ZoneId zone, UserNames users, boolean unixF) {
        this.view = view;
        this.sys = sys;
        this.tty = new TtyName(view);
        this.now = now;
        this.zone = zone;
        this.users = users;
        this.unixF = unixF;
    }

    /** pwcache_get_user(), cached. */
    String user(int uid) {
        return userCache.computeIfAbsent(uid, users::name);
    }
}
