package ksim.scenario;

/**
 * The lexical rules of the scenario language: comments, names ({@code [a-z_][a-z0-9_]*}
 * with an optional {@code .k}, {@code .r} or {@code .w} suffix), upper-case symbols,
 * integers, durations ({@code 20ms}), strings, punctuation and significant newlines.
 * Tokens are made one at a time as the parser asks for them, so memory holds the syntax
 * tree, never a list of every token of the file.
 */
final class Lexer {
    private final String file;
    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** The first token of the current line: after {@code expect ... =} the rest of the line is a RESULT. */
    private Token lineFirst;
    private Token pendingResult;

    Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    private ScenarioException error(int l, int c, String msg) {
        return new ScenarioException(file, l, c, msg);
    }

    /** The next token; at the end, EOF again and again. */
    Token next() throws ScenarioException {
        if (pendingResult != null) {
            Token r = pendingResult;
            pendingResult = null;
            return r;
        }
        Token t = scan();
        if (t.kind() == Token.Kind.NEWLINE) {
            lineFirst = null;
        } else if (lineFirst == null) {
            lineFirst = t;
        }
        if ((t.kind() == Token.Kind.EQUALS || t.kind() == Token.Kind.TILDE) && lineFirst != null && lineFirst.kind() == Token.Kind.NAME
                && lineFirst.text().equals("expect")) {
            pendingResult = restOfLine();
        }
        return t;
    }

    /** The raw text after {@code expect CALL =} (or {@code ~}), up to a comment or the end of the line. */
    private Token restOfLine() {
        int start = pos;
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '#') {
            pos++;
        }
        String raw = src.substring(start, pos);
        int lead = 0;
        while (lead < raw.length() && (raw.charAt(lead) == ' ' || raw.charAt(lead) == '\t')) {
            lead++;
        }
        while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
        }
        return new Token(Token.Kind.RESULT, raw.strip(), 0, line, start - lineStart + 1 + lead);
    }

    private Token scan() throws ScenarioException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        int col = pos - lineStart + 1;
        if (pos >= src.length()) {
            return new Token(Token.Kind.EOF, "", 0, line, col);
        }
        char c = src.charAt(pos);
        switch (c) {
            case '\n' -> {
                Token t = new Token(Token.Kind.NEWLINE, "\\n", 0, line, col);
                pos++;
                line++;
                lineStart = pos;
                return t;
            }
            case '{' -> { return punct(Token.Kind.LBRACE, col); }
            case '}' -> { return punct(Token.Kind.RBRACE, col); }
            case '(' -> { return punct(Token.Kind.LPAREN, col); }
            case ')' -> { return punct(Token.Kind.RPAREN, col); }
            case ',' -> { return punct(Token.Kind.COMMA, col); }
            case '|' -> { return punct(Token.Kind.PIPE, col); }
            case '=' -> { return punct(Token.Kind.EQUALS, col); }
            case '~' -> { return punct(Token.Kind.TILDE, col); }
            case '-' -> { return punct(Token.Kind.MINUS, col); }
            case '"' -> { return string(col); }
            default -> { }
        }
        if (isDigit(c)) {
            return number(col);
        }
        if (Character.isLetter(c) || c == '_') {
            return word(col);
        }
        throw error(line, col, "unexpected character " + show(src.codePointAt(pos)));
    }

    /** ASCII digits only: Character.isDigit() and Long.parseLong() also take other scripts' digits. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A character as an error message shows it: printable ASCII quoted, anything else as U+XXXX. */
    private static String show(int cp) {
        return cp > ' ' && cp < 0x7f ? "'" + (char) cp + "'" : String.format("U+%04X", cp);
    }

    private Token punct(Token.Kind kind, int col) {
        Token t = new Token(kind, String.valueOf(src.charAt(pos)), 0, line, col);
        pos++;
        return t;
    }

    private Token string(int col) throws ScenarioException {
        int start = ++pos;
        while (pos < src.length() && src.charAt(pos) != '"' && src.charAt(pos) != '\n') {
            pos++;
        }
        if (pos >= src.length() || src.charAt(pos) != '"') {
            throw error(line, col, "unterminated string");
        }
        String text = src.substring(start, pos++);
        return new Token(Token.Kind.STRING, text, 0, line, col);
    }

    private Token number(int col) throws ScenarioException {
        int start = pos;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        String digits = src.substring(start, pos);
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error(line, col, "integer " + digits + " is too large");
        }
        int unitStart = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
        }
        String unit = src.substring(unitStart, pos);
        if (unit.isEmpty()) {
            return new Token(Token.Kind.INT, digits, value, line, col);
        }
        long scale = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> throw error(line, col + digits.length(),
                    "unknown duration unit '" + unit + "' (use ns, us, ms or s)");
        };
        long ns;
        try {
            ns = Math.multiplyExact(value, scale);
        } catch (ArithmeticException e) {
            throw error(line, col, "duration " + digits + unit + " is too long");
        }
        return new Token(Token.Kind.DURATION, digits + unit, ns, line, col);
    }

    private Token word(int col) throws ScenarioException {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        String w = src.substring(start, pos);
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < w.length(); i++) {
            char ch = w.charAt(i);
            upper |= ch >= 'A' && ch <= 'Z';
            lower |= ch >= 'a' && ch <= 'z';
            if (ch > 127) {
                throw error(line, col, "names and symbols are ASCII: '" + w + "'");
            }
        }
        if (upper && lower) {
            throw error(line, col, "'" + w + "' mixes cases: names are lower-case, symbols upper-case");
        }
        if (upper) {
            return new Token(Token.Kind.SYMBOL, w, 0, line, col);
        }
        // a name may carry a suffix: NAME.k (the k-th task of a repeat), NAME.r / NAME.w (pipe ends)
        if (pos + 1 < src.length() && src.charAt(pos) == '.') {
            int s = pos + 1;
            int e = s;
            while (e < src.length() && Character.isLetterOrDigit(src.charAt(e))) {
                e++;
            }
            String suffix = src.substring(s, e);
            if (suffix.equals("r") || suffix.equals("w") || (!suffix.isEmpty() && suffix.chars().allMatch(ch -> isDigit((char) ch)))) {
                pos = e;
                w = w + "." + suffix;
            } else {
                throw error(line, col + (s - start), "after '" + w + ".' expected a number, r or w");
            }
        }
        return new Token(Token.Kind.NAME, w, 0, line, col);
    }
}
