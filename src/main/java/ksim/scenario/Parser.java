package ksim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ksim.scenario.Ast.*;
import ksim.scenario.Token.Kind;

/**
 * Parses a {@code .ksim} file into an {@link Ast.Scenario}, checking what can be checked
 * before running: header values, call names and arities, argument kinds, symbols, and
 * that every name used is declared somewhere (by fork, vfork, thread, clone or pipe).
 * Every error is {@code FILE:LINE:COL: message}.
 */
public final class Parser {
    /**
     * How deep blocks may nest, main's block included. ksim's own walks of the tree are
     * recursive; this keeps them far from the end of any thread's stack, and the recorder's C
     * program (one loop per repeat) within compilers' nesting limits (clang's default is 256).
     */
    public static final int MAX_DEPTH = 200;

    private final String file;
    private final Lexer lexer;
    /** The next token, not yet taken (the grammar needs one token of look-ahead). */
    private Token next;
    private int spawnIds;
    private int repeatDepth;
    private int depth;
    /** How many times a statement here can run at most: the product of the repeats around it (saturating). */
    private long repeatRuns = 1;
    /** For each task name given inside a repeat, the largest k its NAME.k can reach (each name is declared once). */
    private final Map<String, Long> maxK = new HashMap<>();
    /** Declared task names (where each was declared) and pipe names, and the references to check once all are known. */
    private final Map<String, Token> taskNames = new HashMap<>();
    private final Set<String> pipeNames = new HashSet<>();
    private final List<Object[]> references = new ArrayList<>();

    private Parser(String file, Lexer lexer) throws ScenarioException {
        this.file = file;
        this.lexer = lexer;
        this.next = lexer.next();
    }

    /** Reads (see {@link InputFile}) and parses a scenario file. */
    public static Scenario parseFile(Path path) throws ScenarioException {
        return parse(path.toString(), InputFile.read(path));
    }

    public static Scenario parse(String file, String src) throws ScenarioException {
        return new Parser(file, new Lexer(file, src)).scenario();
    }

    // ---- helpers ----------------------------------------------------------------------

    private Token peek() {
        return next;
    }

    private Token take() throws ScenarioException {
        Token t = next;
        next = lexer.next();
        return t;
    }

    private ScenarioException error(Token t, String msg) {
        return new ScenarioException(file, t.line(), t.col(), msg);
    }

    private ScenarioException error(Pos p, String msg) {
        return new ScenarioException(file, p.line(), p.col(), msg);
    }

    private Token expect(Kind kind, String what) throws ScenarioException {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return take();
    }

    private static Pos pos(Token t) {
        return new Pos(t.line(), t.col());
    }

    private void skipNewlines() throws ScenarioException {
        while (peek().kind() == Kind.NEWLINE) {
            take();
        }
    }

    private void endOfStatement() throws ScenarioException {
        Token t = peek();
        if (t.kind() == Kind.NEWLINE) {
            take();
        } else if (t.kind() != Kind.RBRACE && t.kind() != Kind.EOF) {
            throw error(t, "expected end of line, found " + t.describe());
        }
    }

    // ---- grammar ----------------------------------------------------------------------

    private Scenario scenario() throws ScenarioException {
        Integer cpus = null, hz = null, pidMax = null;
        Long seed = null;
        String sched = null, title = null;
        Map<String, Token> headers = new HashMap<>();
        for (;;) {
            skipNewlines();
            Token t = peek();
            if (t.kind() == Kind.NAME && t.text().equals("main")) {
                break;
            }
            if (t.kind() == Kind.EOF) {
                throw error(t, "expected 'main { … }', found end of file");
            }
            if (t.kind() != Kind.NAME) {
                throw error(t, "expected a header line or 'main', found " + t.describe());
            }
            take();
            Token first = headers.putIfAbsent(t.text(), t);
            if (first != null) {
                throw error(t, "'" + t.text() + "' is given twice (first on line " + first.line() + ")");
            }
            switch (t.text()) {
                case "cpus" -> cpus = (int) headerInt(t, 1, 4096);
                case "hz" -> hz = (int) headerInt(t, 100, 1000);
                case "seed" -> seed = headerInt(t, 0, Long.MAX_VALUE);
                case "pid_max" -> pidMax = (int) headerInt(t, 301, 4194304);
                case "sched" -> {
                    Token v = expect(Kind.NAME, "cfs or eevdf");
                    if (!v.text().equals("cfs") && !v.text().equals("eevdf")) {
                        throw error(v, "sched must be cfs or eevdf, not '" + v.text() + "'");
                    }
                    sched = v.text();
                }
                case "title" -> title = expect(Kind.STRING, "a quoted title").text();
                default -> throw error(t, "unknown header '" + t.text()
                        + "' (expected cpus, hz, seed, sched, pid_max, title or main)");
            }
            endOfStatement();
        }
        taskNames.put("main", take());
        Block main = block();
        skipNewlines();
        Token end = peek();
        if (end.kind() != Kind.EOF) {
            throw error(end, "nothing may follow main's block, found " + end.describe());
        }
        checkReferences();
        return new Scenario(file, new Header(cpus, hz, seed, sched, pidMax, title), main);
    }

    private long headerInt(Token key, long min, long max) throws ScenarioException {
        Token v = expect(Kind.INT, "a number after '" + key.text() + "'");
        if (v.value() < min || v.value() > max) {
            throw error(v, key.text() + " must be between " + min + " and " + max);
        }
        return v.value();
    }

    private Block block() throws ScenarioException {
        Token open = expect(Kind.LBRACE, "'{'");
        if (++depth > MAX_DEPTH) {
            throw error(open, "blocks nest more than " + MAX_DEPTH + " deep");
        }
        List<Stmt> stmts = new ArrayList<>();
        for (;;) {
            skipNewlines();
            Token t = peek();
            if (t.kind() == Kind.RBRACE) {
                take();
                depth--;
                return new Block(List.copyOf(stmts));
            }
            if (t.kind() == Kind.EOF) {
                throw error(t, "expected '}', found end of file");
            }
            stmts.add(statement());
            endOfStatement();
        }
    }

    private Stmt statement() throws ScenarioException {
        Token t = peek();
        if (t.kind() != Kind.NAME) {
            throw error(t, "expected a statement, found " + t.describe());
        }
        switch (t.text()) {
            case "fork", "vfork", "thread", "clone" -> {
                take();
                return spawn(t);
            }
            case "exec" -> {
                take();
                Token name = expect(Kind.NAME, "a program name after 'exec'");
                checkPlainName(name);
                return new Exec(name.text(), block(), pos(t));
            }
            case "repeat" -> {
                take();
                Token n = expect(Kind.INT, "a count after 'repeat'");
                repeatDepth++;
                long outer = repeatRuns;
                repeatRuns = multiplySaturated(outer, n.value());
                Block body = block();
                repeatRuns = outer;
                repeatDepth--;
                return new Repeat(n.value(), body, pos(t));
            }
            case "expect" -> {
                take();
                Token c = peek();
                if (c.kind() != Kind.NAME) {
                    throw error(c, "expected a call after 'expect'");
                }
                take();
                if (peek().kind() != Kind.LPAREN) {
                    throw error(c, "expected a call after 'expect'");
                }
                Call call = call(c);
                boolean approx = peek().kind() == Kind.TILDE;
                if (approx) {
                    take();
                } else {
                    expect(Kind.EQUALS, "'=' (or '~') and the expected result");
                }
                Token r = peek();
                if (r.kind() != Kind.RESULT || r.text().isEmpty()) {
                    throw error(r, "expected the expected result after '" + (approx ? "~" : "=") + "'");
                }
                take();
                if (CallTable.get(call.fn()).print() == null) {
                    throw error(c, call.fn() + "() prints no result to expect");
                }
                Approx a = null;
                if (approx) {
                    a = Approx.parse(r.text());
                    if (a == null) {
                        throw error(r, "expected a number, 'N ms', and optionally 'within P%' after '~'");
                    }
                }
                return new Expect(call, r.text(), a, pos(t));
            }
            default -> {
                take();
                if (peek().kind() != Kind.LPAREN) {
                    throw error(t, "unknown statement '" + t.text() + "'");
                }
                return call(t);
            }
        }
    }

    private Spawn spawn(Token kw) throws ScenarioException {
        Token name = expect(Kind.NAME, "a task name after '" + kw.text() + "'");
        checkPlainName(name);
        if (name.text().equals("main")) {
            throw error(name, "'main' is the first task's name; choose another");
        }
        // two tasks of one name would print as one in the trace (a repeat's are NAME.1, NAME.2 …)
        Token first = taskNames.putIfAbsent(name.text(), name);
        if (first != null) {
            throw error(name, "task '" + name.text() + "' is already declared on line " + first.line()
                    + "; each task needs its own name");
        }
        Arg flags = null;
        SpawnKind kind = SpawnKind.valueOf(kw.text().toUpperCase());
        if (kind == SpawnKind.CLONE) {
            Token f = peek();
            if (f.kind() != Kind.SYMBOL && f.kind() != Kind.INT) {
                throw error(f, "expected clone flags (CLONE_…|SIGCHLD or 0), found " + f.describe());
            }
            flags = symbolExpr();
        }
        boolean inRepeat = repeatDepth > 0;
        if (inRepeat) { // k counts this statement's runs (in a task's memory, which threads share)
            maxK.put(name.text(), repeatRuns);
        }
        int id = spawnIds++;
        return new Spawn(kind, name.text(), flags, block(), id, inRepeat, pos(kw));
    }

    private void checkPlainName(Token name) throws ScenarioException {
        if (name.text().indexOf('.') >= 0) {
            throw error(name, "'" + name.text() + "' is a reference; a new name has no '.' suffix");
        }
    }

    private Call call(Token fn) throws ScenarioException {
        CallTable.Row<?> spec = CallTable.get(fn.text());
        if (spec == null) {
            throw error(fn, "unknown call '" + fn.text() + "'");
        }
        expect(Kind.LPAREN, "'('");
        List<Arg> args = new ArrayList<>();
        if (peek().kind() != Kind.RPAREN) {
            for (;;) {
                args.add(arg());
                if (peek().kind() == Kind.COMMA) {
                    take();
                    continue;
                }
                break;
            }
        }
        Token close = peek();
        if (close.kind() != Kind.RPAREN) {
            throw error(close, "expected ',' or ')', found " + close.describe());
        }
        take();
        if (args.size() != spec.args().size()) {
            throw error(fn, fn.text() + "() takes " + spec.args().size()
                    + (spec.args().size() == 1 ? " argument" : " arguments") + ", not " + args.size());
        }
        for (int a = 0; a < args.size(); a++) {
            checkArg(fn.text(), spec.args().get(a), args.get(a), a + 1);
        }
        return new Call(fn.text(), List.copyOf(args), pos(fn));
    }

    private Arg arg() throws ScenarioException {
        Token t = peek();
        switch (t.kind()) {
            case MINUS -> {
                take();
                Token n = peek();
                if (n.kind() == Kind.NAME) {
                    take();
                    return new NameArg(n.text(), true, pos(t));
                }
                if (n.kind() == Kind.INT) {
                    take();
                    return new IntArg(-n.value(), pos(t));
                }
                throw error(n, "expected a number or a name after '-', found " + n.describe());
            }
            case NAME -> {
                take();
                return new NameArg(t.text(), false, pos(t));
            }
            case DURATION -> {
                take();
                return new DurationArg(t.value(), t.text(), pos(t));
            }
            case INT, SYMBOL -> {
                return symbolExpr();
            }
            case LBRACE -> {
                take();
                List<Arg> elems = new ArrayList<>();
                if (peek().kind() != Kind.RBRACE) {
                    for (;;) {
                        Token e = peek();
                        if (e.kind() != Kind.INT && e.kind() != Kind.SYMBOL) {
                            throw error(e, "a set holds CPU numbers or signals, found " + e.describe());
                        }
                        elems.add(symbolExpr());
                        if (peek().kind() == Kind.COMMA) {
                            take();
                            continue;
                        }
                        break;
                    }
                }
                expect(Kind.RBRACE, "',' or '}'");
                return new SetArg(List.copyOf(elems), pos(t));
            }
            default -> throw error(t, "expected an argument, found " + t.describe());
        }
    }

    /** SYMBOL|INT ('|' SYMBOL|INT)*: the values ORed. A lone integer stays an {@link IntArg}. */
    private Arg symbolExpr() throws ScenarioException {
        Token first = peek();
        List<String> parts = new ArrayList<>();
        long value = 0;
        boolean anySymbol = false;
        for (;;) {
            Token t = take();
            if (t.kind() == Kind.INT) {
                parts.add(t.text());
                value |= t.value();
            } else if (t.kind() == Kind.SYMBOL) {
                Long v = Symbols.value(t.text());
                if (v == null) {
                    throw error(t, "unknown symbol '" + t.text() + "'");
                }
                parts.add(t.text());
                value |= v;
                anySymbol = true;
            } else {
                throw error(t, "expected a symbol or a number after '|', found " + t.describe());
            }
            if (peek().kind() != Kind.PIPE) {
                break;
            }
            take();
        }
        if (!anySymbol && parts.size() == 1) {
            return new IntArg(value, pos(first));
        }
        return new SymbolArg(List.copyOf(parts), value, pos(first));
    }

    private void checkArg(String fn, CallTable.ArgKind kind, Arg a, int n) throws ScenarioException {
        String where = fn + "() argument " + n;
        switch (kind) {
            case INT -> {
                if (!(a instanceof IntArg || a instanceof SymbolArg)) {
                    throw error(a.pos(), where + " must be a number or a symbol, not '" + a.text() + "'");
                }
            }
            case PID -> {
                if (a instanceof NameArg na) {
                    references.add(new Object[] {na, "task"});
                } else if (!(a instanceof IntArg || a instanceof SymbolArg)) {
                    throw error(a.pos(), where + " must be a task name, -NAME or a number, not '" + a.text() + "'");
                }
            }
            case TASK -> {
                if (!(a instanceof NameArg na) || na.negated()) {
                    throw error(a.pos(), where + " must be a task name, not '" + a.text() + "'");
                }
                references.add(new Object[] {na, "task"});
            }
            case DURATION -> {
                if (!(a instanceof DurationArg)) {
                    throw error(a.pos(), where + " must be a duration such as 20ms, not '" + a.text() + "'");
                }
            }
            case SET -> {
                if (!(a instanceof SetArg)) {
                    throw error(a.pos(), where + " must be a set such as {0,1}, not '" + a.text() + "'");
                }
            }
            case HANDLER -> {
                boolean ok = a instanceof NameArg na && !na.negated() && na.name().equals("catch")
                        || a instanceof SymbolArg s && s.parts().size() == 1
                            && (s.parts().get(0).equals("SIG_DFL") || s.parts().get(0).equals("SIG_IGN"));
                if (!ok) {
                    throw error(a.pos(), where + " must be SIG_DFL, SIG_IGN or catch, not '" + a.text() + "'");
                }
            }
            case NEW_PIPE -> {
                if (!(a instanceof NameArg na) || na.negated() || na.name().indexOf('.') >= 0) {
                    throw error(a.pos(), where + " must be a new pipe's name, not '" + a.text() + "'");
                }
                pipeNames.add(na.name());
            }
            case PIPE -> {
                if (!(a instanceof NameArg na) || na.negated() || na.name().indexOf('.') >= 0) {
                    throw error(a.pos(), where + " must be a pipe's name, not '" + a.text() + "'");
                }
                references.add(new Object[] {na, "pipe"});
            }
            case PIPE_END -> {
                if (!(a instanceof NameArg na) || na.negated()
                        || !(na.name().endsWith(".r") || na.name().endsWith(".w"))) {
                    throw error(a.pos(), where + " must be NAME.r or NAME.w, not '" + a.text() + "'");
                }
                references.add(new Object[] {na, "pipe"});
            }
            case INT_OR_WORD -> {
                if (a instanceof NameArg na && na.negated()) {
                    throw error(a.pos(), where + " must be a number, a symbol or a name, not '" + a.text() + "'");
                }
                if (!(a instanceof NameArg || a instanceof IntArg || a instanceof SymbolArg)) {
                    throw error(a.pos(), where + " must be a number, a symbol or a name, not '" + a.text() + "'");
                }
            }
        }
    }

    /**
     * NAME.k must be a name some run can give: a statement creating NAME inside repeats runs at
     * most the product of their counts times, and k counts those runs from 1.
     */
    private void checkK(NameArg na, String base, java.math.BigInteger k) throws ScenarioException {
        Long max = maxK.get(base);
        if (max == null) {
            throw error(na.pos(), "no task is ever named '" + na.name() + "': " + base
                    + " is not created inside a repeat, so there is no " + base + ".k");
        }
        if (k.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw error(na.pos(), "no task is ever named '" + na.name() + "': the statement that creates " + base
                    + " runs at most " + max + (max == 1 ? " time" : " times"));
        }
    }

    /** {@code a * b} for {@code a, b >= 0}, Long.MAX_VALUE when it does not fit. */
    private static long multiplySaturated(long a, long b) {
        long r = a * b;
        return Math.multiplyHigh(a, b) != 0 || r < 0 ? Long.MAX_VALUE : r;
    }

    /** Every name used must be declared somewhere in the scenario. */
    private void checkReferences() throws ScenarioException {
        for (Object[] r : references) {
            NameArg na = (NameArg) r[0];
            String base = na.name();
            int dot = base.indexOf('.');
            String suffix = dot >= 0 ? base.substring(dot + 1) : "";
            if (dot >= 0) {
                base = base.substring(0, dot);
            }
            if (r[1].equals("task")) {
                if (!taskNames.containsKey(base)) {
                    throw error(na.pos(), "unknown task '" + base + "' (declare it with fork, vfork, thread or clone)");
                }
                if (dot >= 0 && !suffix.chars().allMatch(Character::isDigit)) {
                    throw error(na.pos(), "'" + na.name() + "' is a pipe end; a task is NAME or NAME.k");
                }
                if (dot >= 0) {
                    java.math.BigInteger k = new java.math.BigInteger(suffix); // any number of digits
                    if (k.signum() < 1) {
                        throw error(na.pos(), "repeat counts from 1: '" + na.name() + "'");
                    }
                    checkK(na, base, k);
                }
            } else {
                if (!pipeNames.contains(base)) {
                    throw error(na.pos(), "unknown pipe '" + base + "' (create it with pipe(" + base + "))");
                }
                if (dot >= 0 && !(suffix.equals("r") || suffix.equals("w"))) {
                    throw error(na.pos(), "'" + na.name() + "' is not a pipe end (NAME.r or NAME.w)");
                }
            }
        }
    }
}
