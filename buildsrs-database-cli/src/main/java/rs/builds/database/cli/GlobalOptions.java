package rs.builds.database.cli;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.spi.OptionHandler;
import org.kohsuke.args4j.spi.SubCommand;

/**
 * Lets global options follow the command ({@code target list --data-dir D}): args4j takes them only before the
 * command word, so they are moved there, each with its value. An option the command has itself stays with it
 * ({@code job list --version V} is the job list's), and so does {@code --help}: every command has its own.
 */
final class GlobalOptions {
    private GlobalOptions() {
    }

    /**
     * @param root the parser of the global options and the command
     * @param args the command line
     * @return the command line with every global option after the command moved before it
     */
    static String[] beforeCommand(CmdLineParser root, String[] args) {
        List<String> before = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        List<String> after = new ArrayList<>();
        Class<?> command = Cli.class;
        CmdLineParser commandParser = root;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                SubCommand sub = Usage.subCommands(command).stream().filter(s -> s.name().equals(arg)).findFirst()
                        .orElse(null);
                if (sub != null) {
                    command = sub.impl();
                    commandParser = new CmdLineParser(Usage.instance(command), Usage.PARSER_PROPERTIES);
                }
                (command == Cli.class ? before : after).add(arg);
                continue;
            }
            boolean own = command == Cli.class || has(commandParser, arg) || arg.equals("--help") || arg.equals("-h");
            boolean global = !own && has(root, arg);
            CmdLineParser parser = own ? commandParser : root;
            int width = Usage.takesValue(parser, arg) && i + 1 < args.length ? 2 : 1;
            List<String> to = command == Cli.class ? before : global ? moved : after;
            for (int k = 0; k < width; k++) {
                to.add(args[i + k]);
            }
            i += width - 1;
        }
        before.addAll(moved);
        before.addAll(after);
        return before.toArray(String[]::new);
    }

    private static boolean has(CmdLineParser parser, String arg) {
        for (OptionHandler<?> option : parser.getOptions()) {
            if (Usage.isNamed(option, arg)) {
                return true;
            }
        }
        return false;
    }
}
