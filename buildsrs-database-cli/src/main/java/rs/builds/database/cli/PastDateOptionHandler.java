package rs.builds.database.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.OptionDef;
import org.kohsuke.args4j.spi.OptionHandler;
import org.kohsuke.args4j.spi.Parameters;
import org.kohsuke.args4j.spi.Setter;

/**
 * An option that takes a date, {@code 2025-01-31} (the start of that day, UTC), or an instant,
 * {@code 2025-01-31T12:00:00Z}: the cut-off of a prune. Anything else is a usage error; whether it lies in the
 * past is the library's check. The field stays {@code null} when the option is not given.
 */
public final class PastDateOptionHandler extends OptionHandler<Instant> {
    private static final UsageMessage NOT_A_DATE = new UsageMessage(
            "{0} must be a date like 2025-01-31 (start of the day, UTC) or an instant like 2025-01-31T12:00:00Z, not \"{1}\"");

    /**
     * Made by args4j.
     *
     * @param parser the parser
     * @param option the option
     * @param setter sets the field
     */
    public PastDateOptionHandler(CmdLineParser parser, OptionDef option, Setter<? super Instant> setter) {
        super(parser, option, setter);
    }

    @Override
    public int parseArguments(Parameters params) throws CmdLineException {
        String value = params.getParameter(0);
        Instant instant;
        try {
            instant = value.contains("T") ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CmdLineException(owner, NOT_A_DATE, params.getParameter(-1), value);
        }
        setter.addValue(instant);
        return 1;
    }

    @Override
    public String getDefaultMetaVariable() {
        return "DATE";
    }
}
