package rs.builds.database.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.OptionDef;
import org.kohsuke.args4j.spi.OptionHandler;
import org.kohsuke.args4j.spi.Parameters;
import org.kohsuke.args4j.spi.Setter;

/**
 * An option that takes a duration: ISO-8601 as {@link Duration#parse} reads it ({@code PT15M}, {@code PT1H30M},
 * {@code P1D}) or a plain number of seconds ({@code 900}). Anything else, and any negative duration, is a usage
 * error; the field stays {@code null} when the option is not given.
 */
public final class DurationOptionHandler extends OptionHandler<Duration> {
    private static final UsageMessage NOT_A_DURATION = new UsageMessage("{0} must be a duration like PT15M, PT1H30M or a number of seconds, not \"{1}\"");
    private static final UsageMessage NEGATIVE = new UsageMessage("{0} must not be negative, not \"{1}\"");

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

    /**
     * Made by args4j.
     *
     * @param parser the parser
     * @param option the option
     * @param setter sets the field
     */
    public DurationOptionHandler(CmdLineParser parser, OptionDef option, Setter<? super Duration> setter) {
        super(parser, option, setter);
    }

    @Override
    public int parseArguments(Parameters params) throws CmdLineException {
        String value = params.getParameter(0);
        Duration duration;
        try {
            duration = SECONDS.matcher(value).matches() ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new CmdLineException(owner, NOT_A_DURATION, params.getParameter(-1), value);
        }
        if (duration.isNegative()) {
            throw new CmdLineException(owner, NEGATIVE, params.getParameter(-1), value);
        }
        setter.addValue(duration);
        return 1;
    }

    @Override
    public String getDefaultMetaVariable() {
        return "DURATION";
    }
}
