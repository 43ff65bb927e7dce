package ksim.tools;

/**
 * One ps output column: a row of ps/output.c's format_array (spec, header, width, the
 * justification flag) with its pr_* function, and PIDMAX columns widened to the PID length
 * as sortformat.c do_one_spec() does.
 */
record PsColumn(String spec, String head, int width, Just just, Printer printer) {

    /** ps/output.c's CF_* justification codes that these columns use. */
    enum Just {
        LEFT, RIGHT, USER, WCHAN, UNLIMITED
    }

    /** A pr_* function: the column's text for one process (its length is the cells it takes). */
    @FunctionalInterface
    interface Printer {
        String print(PsContext ctx, ProcTask p);
    }

    PsColumn withWidth(int w) {
        return new PsColumn(spec, head, w, just, printer);
    }
}
