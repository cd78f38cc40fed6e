package rs.builds.database.cli;

import java.text.MessageFormat;
import java.util.Locale;
import org.kohsuke.args4j.Localizable;

/**
 * A usage error message for args4j's {@code CmdLineException}: a {@link MessageFormat} pattern such as
 * {@code "{0} must be true or false, not \"{1}\""}, with the option's name and the bad value as arguments.
 *
 * @param pattern the message pattern
 */
record UsageMessage(String pattern) implements Localizable {
    @Override
    public String formatWithLocale(Locale locale, Object... args) {
        return new MessageFormat(pattern, locale).format(args);
    }

    @Override
    public String format(Object... args) {
        return formatWithLocale(Locale.ROOT, args);
    }
}
