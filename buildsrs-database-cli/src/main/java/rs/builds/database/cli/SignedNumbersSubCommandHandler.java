package rs.builds.database.cli;

import java.util.regex.Pattern;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.OptionDef;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.Setter;

/**
 * A group's sub-command handler whose sub-commands may take negative numbers as arguments
 * ({@code crate priority serde -5}). args4j takes every word that starts with {@code -} for an option and rejects
 * {@code -5} as an unknown one; no option here is named like a number, so such words are read as arguments.
 */
public final class SignedNumbersSubCommandHandler extends SubCommandHandler {
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+");

    /**
     * Made by args4j.
     *
     * @param parser the group's parser
     * @param option the sub-command argument
     * @param setter sets the group's sub-command field
     */
    public SignedNumbersSubCommandHandler(CmdLineParser parser, OptionDef option, Setter<Object> setter) {
        super(parser, option, setter);
    }

    @Override
    protected CmdLineParser configureParser(Object subCommand, SubCommand c) {
        return new CmdLineParser(subCommand, owner.getProperties()) {
            @Override
            protected boolean isOption(String arg) {
                return super.isOption(arg) && !NEGATIVE_NUMBER.matcher(arg).matches();
            }
        };
    }
}
