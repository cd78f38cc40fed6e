package rs.builds.database.cli;

import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.OptionDef;
import org.kohsuke.args4j.spi.OptionHandler;
import org.kohsuke.args4j.spi.Parameters;
import org.kohsuke.args4j.spi.Setter;

/**
 * An option that takes exactly {@code true} or {@code false}, for a {@code Boolean} field that stays
 * {@code null} when the option is not given. args4j's own explicit boolean handler also takes yes/on/1, which
 * an admin could mistake for something else; anything but the two words is a usage error.
 */
public final class TrueFalseOptionHandler extends OptionHandler<Boolean> {
    private static final UsageMessage NOT_TRUE_OR_FALSE = new UsageMessage("{0} must be true or false, not \"{1}\"");

    /**
     * Made by args4j.
     *
     * @param parser the parser
     * @param option the option
     * @param setter sets the field
     */
    public TrueFalseOptionHandler(CmdLineParser parser, OptionDef option, Setter<? super Boolean> setter) {
        super(parser, option, setter);
    }

    @Override
    public int parseArguments(Parameters params) throws CmdLineException {
        String value = params.getParameter(0);
        switch (value) {
            case "true" -> setter.addValue(Boolean.TRUE);
            case "false" -> setter.addValue(Boolean.FALSE);
            default -> throw new CmdLineException(owner, NOT_TRUE_OR_FALSE, params.getParameter(-1), value);
        }
        return 1;
    }

    @Override
    public String getDefaultMetaVariable() {
        return "true|false";
    }
}
