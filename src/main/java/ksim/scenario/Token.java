package ksim.scenario;

/** A lexical token with the position of its first character (1-based line and column). */
record Token(Kind kind, String text, long value, int line, int col) {
    enum Kind {
        NAME, SYMBOL, INT, DURATION, STRING, RESULT,
        LBRACE, RBRACE, LPAREN, RPAREN, COMMA, PIPE, EQUALS, TILDE, MINUS, NEWLINE, EOF
    }

    String describe() {
        return switch (kind) {
            case NEWLINE -> "end of line";
            case EOF -> "end of file";
            case STRING -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
