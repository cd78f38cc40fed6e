package rs.builds.database.cli.commands;

import java.util.List;
import rs.builds.database.DatabaseException;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.CommandFailedException;
import rs.builds.database.cli.Session;

/**
 * How commands that act on a list of items run: each item on its own (so one bad item spoils nothing else),
 * each success printed on stdout, each failure reported on stderr, then a summary. The exit code is the failures'
 * own when they all had the same ({@link Cli#NOT_FOUND} for one misspelt name), else {@link Cli#FAILED}.
 */
final class KeepGoing {
    /** What a command does to one item. */
    @FunctionalInterface
    interface Action {
        /**
         * @param item the item as given on the command line
         * @return the line to print on stdout when it worked
         */
        String apply(String item);
    }

    private KeepGoing() {
    }

    /**
     * @param session where to report
     * @param items the items, in the order given
     * @param noun what an item is, e.g. {@code "target"}, for messages
     * @param notDone what failing means, e.g. {@code "not added"}, for the summary
     * @param action what to do to each item
     * @return {@link Cli#OK} if every item worked, otherwise the exit code of the failures
     */
    static int forEach(Session session, List<String> items, String noun, String notDone, Action action) {
        int failed = 0;
        int exit = Cli.OK;
        for (String item : items) {
            try {
                session.out().println(action.apply(item));
            } catch (DatabaseException | CommandFailedException e) {
                session.err().println("ERROR: " + withItem(noun, item, e.getMessage()));
                failed++;
                exit = combined(exit, e);
            }
        }
        if (failed > 0) {
            session.err().println("ERROR: " + failed + " of " + items.size() + " " + noun + "s " + notDone);
        }
        return exit;
    }

    /**
     * @param exit the exit code of the items so far
     * @param failure why one more item failed
     * @return its exit code if it is the first failure or all failures had it, else {@link Cli#FAILED}
     */
    static int combined(int exit, Exception failure) {
        int code = Cli.exitCode(failure);
        return exit == Cli.OK || exit == code ? code : Cli.FAILED;
    }

    /** Names the item unless the message does already ("target 'x' does not exist"). */
    static String withItem(String noun, String item, String message) {
        return message.contains("'" + item + "'") ? message : noun + " '" + item + "': " + message;
    }
}
