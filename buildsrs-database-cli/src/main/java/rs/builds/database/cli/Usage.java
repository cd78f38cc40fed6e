package rs.builds.database.cli;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.List;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.ParserProperties;
import org.kohsuke.args4j.spi.OptionHandler;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;

/**
 * Prints the usage of the command a command line names, e.g. for {@code builder edit --help}:
 * {@code Usage: buildsrs-database builder edit [OPTIONS] BUILDER}, its options, and a group's sub-commands.
 * The command is found by following the command words through the {@code @SubCommands} tree, so it works for
 * help requests and for command lines args4j rejected alike.
 */
final class Usage {
    /** How every parser is set up: wide text, and no "(default: ...)" showing the values just parsed. */
    static final ParserProperties PARSER_PROPERTIES =
            ParserProperties.defaults().withUsageWidth(100).withShowDefaults(false);

    private final PrintStream err;
    private final CmdLineParser root;

    /**
     * @param err where to print
     * @param root the parser of the whole command line (global options and the command)
     */
    Usage(PrintStream err, CmdLineParser root) {
        this.err = err;
        this.root = root;
    }

    /** @param args the command line; its deepest command word chooses what to describe */
    void print(String... args) {
        StringBuilder words = new StringBuilder(Cli.NAME);
        Class<?> chosen = Cli.class;
        for (String arg : args) {
            for (SubCommand sub : subCommands(chosen)) {
                if (sub.name().equals(arg)) {
                    words.append(' ').append(arg);
                    chosen = sub.impl();
                    break;
                }
            }
        }
        CmdLineParser parser = chosen == Cli.class ? root : new CmdLineParser(instance(chosen), PARSER_PROPERTIES);
        err.println("Usage: " + words + " [OPTIONS]" + arguments(parser));
        parser.printUsage(err);
        List<SubCommand> subs = subCommands(chosen);
        if (!subs.isEmpty()) {
            err.println();
            err.println(chosen == Cli.class ? "Commands:" : "Sub-commands:");
            for (SubCommand sub : subs) {
                err.println(String.format("  %-12s %s", sub.name(), ((Command) instance(sub.impl())).description()));
            }
        }
    }

    /** @return the synopsis of the arguments: {@code " BUILDER..."}, {@code " [QUERY]"}, {@code " SUBCOMMAND ..."} */
    private static String arguments(CmdLineParser parser) {
        StringBuilder synopsis = new StringBuilder();
        for (OptionHandler<?> argument : parser.getArguments()) {
            String word = argument.option.metaVar() + (argument instanceof SubCommandHandler ? " ..."
                    : argument.option.isMultiValued() ? "..." : "");
            synopsis.append(' ').append(argument.option.required() ? word : "[" + word + "]");
        }
        return synopsis.toString();
    }

    private static List<SubCommand> subCommands(Class<?> command) {
        for (Field field : command.getDeclaredFields()) {
            SubCommands subs = field.getAnnotation(SubCommands.class);
            if (subs != null) {
                return List.of(subs.value());
            }
        }
        return List.of();
    }

    private static Object instance(Class<?> command) {
        try {
            return command.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("command " + command.getName() + " needs a public no-argument"
                    + " constructor", e);
        }
    }
}
