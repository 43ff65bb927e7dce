package ksim.cli;

import picocli.CommandLine;

/**
 * {@code --at TIME}: a duration as the scenario language writes it ({@code 300ms}, {@code 2s},
 * {@code 500us}, {@code 1000ns}), measured from when the scenario's main starts its block.
 * A bad value is a usage error (exit 2), as picocli reports every bad option.
 */
final class AtTime implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        Long ns = parse(value);
        if (ns == null) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a time: write a number with a unit ns, us, ms or s (300ms)");
        }
        return ns;
    }

    /** Nanoseconds, or null when {@code s} is not DIGITS UNIT. */
    static Long parse(String s) {
        return ksim.scenario.ProcGolden.parseTime(s);
    }
}
