package ksim.tools;

import java.util.List;

/**
 * ps/output.c show_one_proc() and check_header_width(): lays a row (or the header) out in
 * columns, right- or left-justified, a space between columns, an overlong value pushing the
 * rest of the row right and later columns taking back the slack where they can.
 */
final class PsLayout {
    /** output.c SPACE_AMOUNT: the most padding written before one column. */
    private static final int SPACE_AMOUNT = 144;

    private final List<PsColumn> columns;
    /** output.c active_cols: some multiple of the screen width (unsigned in C). */
    private final long activeCols;

    /**
     * @param screenCols the terminal width ps would use: {@link PsContext#OUTBUF_SIZE} when
     *     standard output is not a terminal and COLUMNS is unset
     */
    PsLayout(List<PsColumn> columns, int screenCols) {
        this.columns = columns;
        this.activeCols = checkHeaderWidth(columns, screenCols);
    }

    /** check_header_width(): the smallest multiple of the screen width the columns fit in. */
    private static long checkHeaderWidth(List<PsColumn> columns, int screenCols) {
        long total = 0;
        int wasNormal = 0;
        for (int k = 0; k < columns.size(); k++) {
            PsColumn c = columns.get(k);
            if (c.just() == PsColumn.Just.UNLIMITED) {
                total += k + 1 < columns.size() ? c.width() : 3;
            } else {
                total += c.width();
            }
            total += wasNormal;
            wasNormal = 1;
        }
        long active;
        int i = 0;
        for (;;) {
            i++;
            active = (long) screenCols * i & 0xffffffffL;
            if (active >= total) {
                break;
            }
            if ((long) screenCols * i >= PsContext.OUTBUF_SIZE / 2) {
                break;
            }
        }
        return active;
    }

    /** show_one_proc(): one line, ending in a newline; p == null prints the header. */
    void showOneProc(StringBuilder out, PsContext ctx, ProcTask p) {
        int correct = 0;
        int actual = 0;
        int dospace = 0;
        for (int k = 0; k < columns.size(); k++) {
            PsColumn fmt = columns.get(k);
            boolean last = k + 1 == columns.size();
            int tmpspace;
            long maxRightward;
            if (!last) {
                maxRightward = fmt.width();
                tmpspace = 0;
            } else {
                tmpspace = correct - actual;
                if (tmpspace < 1) {
                    tmpspace = dospace;
                    maxRightward = activeCols - actual - tmpspace;
                } else {
                    maxRightward = activeCols - Math.max(correct, actual);
                }
            }
            // max_rightward is unsigned: a negative difference wraps and is clamped high
            maxRightward &= 0xffffffffL;
            if (maxRightward == 0) {
                maxRightward = 0;
            } else if (maxRightward >= PsContext.OUTBUF_SIZE) {
                maxRightward = PsContext.OUTBUF_SIZE - 1;
            }
            ctx.maxRightward = (int) maxRightward;

            String text = p != null ? fmt.printer().print(ctx, p) : fmt.head();
            if (text.length() >= PsContext.OUTBUF_SIZE) {
                text = text.substring(0, PsContext.OUTBUF_SIZE - 1);
            }
            int amount = text.length();
            int leftpad;
            long room = (activeCols - actual - tmpspace) & 0xffffffffL;
            switch (fmt.just()) {
                case RIGHT -> leftpad = Math.max(0, fmt.width() - amount);
                case USER -> leftpad = 0; // user names are text, not numbers
                case WCHAN, UNLIMITED -> {
                    if (room < 1 && text.length() > 1) {
                        text = text.substring(0, 1); // oops, we (mostly) lose this column
                    }
                    leftpad = 0;
                }
                default -> leftpad = 0;
            }
            int space = correct - actual + leftpad;
            if (space < 1) {
                space = dospace;
            }
            if (space > SPACE_AMOUNT) {
                space = SPACE_AMOUNT;
            }
            out.repeat(' ', space).append(text);
            if (last) {
                out.append('\n');
                break;
            }
            actual += space + amount;
            correct += fmt.width();
            correct++;
            dospace = 1;
        }
    }
}
