package ksim.cli;

import picocli.CommandLine;

/**
 * {@code --timeout} and {@code --max-time}: a positive duration, as the scenario language
 * writes one ({@code 500ms}, {@code 30s}) or with {@code m} or {@code h} ({@code 10m}, {@code 2h});
 * a bare number is seconds, as ksim record's --timeout takes it. A bad value is a usage error
 * (exit 2).
 */
final class TimeLimit implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        Long ns = parse(value);
        if (ns == null || ns <= 0) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a positive duration: write a number with a unit ns, us, ms, s, m or h (30s, 10m)");
        }
        return ns;
    }

    /** Nanoseconds, or null when {@code s} is not a duration that fits in 64 bits. */
    static Long parse(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,19})(m|h)?").matcher(s);
        if (!m.matches()) {
            return AtTime.parse(s); // ns, us, ms, s
        }
        long unit = m.group(2) == null ? 1_000_000_000L : m.group(2).equals("m") ? 60_000_000_000L : 3_600_000_000_000L;
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) { // more than 64 bits
            return null;
        }
    }
}
