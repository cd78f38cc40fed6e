package rs.builds.database.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.NamedOptionDef;
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

    private final CmdLineParser root;
    /** Usage texts of options the CLI uses differently from a service, keyed by the option's own text. */
    private final Map<String, String> overrides = new HashMap<>();

    /**
     * @param root the parser of the whole command line (global options and the command)
     * @param overrides the CLI's usage text of options whose shared text does not fit it, by option name
     */
    Usage(CmdLineParser root, Map<String, String> overrides) {
        this.root = root;
        for (OptionHandler<?> option : root.getOptions()) {
            String text = option.option instanceof NamedOptionDef named ? overrides.get(named.name()) : null;
            if (text != null) {
                this.overrides.put(option.option.usage(), text);
            }
        }
    }

    /**
     * @param to stdout for help that was asked for, stderr after a usage error
     * @param args the command line; its deepest command word chooses what to describe
     */
    void print(PrintStream to, String... args) {
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
        to.println("Usage: " + words + " [OPTIONS]" + arguments(parser));
        if (chosen != Cli.class) {
            to.println(((Command) instance(chosen)).description());
        }
        PrintWriter writer = new PrintWriter(to, false, StandardCharsets.UTF_8);
        parser.printUsage(writer, new Texts());
        writer.flush();
        List<SubCommand> subs = subCommands(chosen);
        if (!subs.isEmpty()) {
            to.println();
            to.println(chosen == Cli.class ? "Commands:" : "Sub-commands:");
            for (SubCommand sub : subs) {
                to.println(String.format("  %-12s %s", sub.name(), ((Command) instance(sub.impl())).description()));
            }
        }
        if (chosen == Cli.class) {
            to.println();
            to.println("Global options may also follow the command. Exit codes:");
            Cli.EXIT_CODES.forEach((code, meaning) -> to.println(String.format("  %-3d %s", code, meaning)));
        }
    }

    /**
     * Finds the command word the command line got wrong, for a message better than args4j's.
     *
     * @param args the command line
     * @return {@code "unknown command 'tagret' (did you mean 'target'?)"}, or {@code null} if every command word
     *         was right
     */
    String unknownCommand(String... args) {
        Class<?> chosen = Cli.class;
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            List<SubCommand> subs = subCommands(chosen);
            if (subs.isEmpty()) {
                return null;
            }
            if (arg.startsWith("-")) {
                if (chosen == Cli.class && takesValue(root, arg)) {
                    i++;
                }
                continue;
            }
            SubCommand match = subs.stream().filter(sub -> sub.name().equals(arg)).findFirst().orElse(null);
            if (match == null) {
                String nearest = nearest(arg, subs);
                return "unknown command '" + words + arg + "'"
                        + (nearest == null ? "" : " (did you mean '" + words + nearest + "'?)");
            }
            words.append(arg).append(' ');
            chosen = match.impl();
        }
        return null;
    }

    /**
     * @param parser a command's parser
     * @param name an option's name or alias
     * @return whether it is an option of the parser that takes a value (args4j flags have no meta variable)
     */
    static boolean takesValue(CmdLineParser parser, String name) {
        for (OptionHandler<?> option : parser.getOptions()) {
            if (isNamed(option, name)) {
                return !option.option.metaVar().isEmpty();
            }
        }
        return false;
    }

    /** @return whether the option has this name or alias */
    static boolean isNamed(OptionHandler<?> option, String name) {
        return option.option instanceof NamedOptionDef named
                && (named.name().equals(name) || List.of(named.aliases()).contains(name));
    }

    /** @return the name closest to the word, if it is close enough to be a slip of the fingers */
    private static String nearest(String word, List<SubCommand> subs) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (SubCommand sub : subs) {
            int distance = distance(word, sub.name());
            if (distance < bestDistance) {
                best = sub.name();
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(1, Math.min(word.length(), best.length()) / 3) ? best : null;
    }

    /** Edit distance counting a swap of neighbouring letters as one edit ({@code tagret} is one from {@code target}). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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

    static List<SubCommand> subCommands(Class<?> command) {
        for (Field field : command.getDeclaredFields()) {
            SubCommands subs = field.getAnnotation(SubCommands.class);
            if (subs != null) {
                return List.of(subs.value());
            }
        }
        return List.of();
    }

    static Object instance(Class<?> command) {
        try {
            return command.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("command " + command.getName() + " needs a public no-argument"
                    + " constructor", e);
        }
    }

    /** What args4j prints for each option's usage and meta variable: its own text, unless the CLI's differs. */
    private final class Texts extends ResourceBundle {
        @Override
        protected Object handleGetObject(String key) {
            return overrides.getOrDefault(key, key);
        }

        @Override
        public Enumeration<String> getKeys() {
            return Collections.emptyEnumeration();
        }
    }
}
