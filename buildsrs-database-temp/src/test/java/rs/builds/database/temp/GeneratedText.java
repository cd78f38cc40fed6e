package rs.builds.database.temp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a generated file with the one checked in, and replaces the generated blocks of a hand-written file.
 * Line ends are compared as {@code \n}, so a checkout with CRLF line ends (Git on Windows) compares equal.
 */
final class GeneratedText {
    /** Lines of each side shown around the first difference. */
    static final int SHOWN = 12;

    private GeneratedText() {
    }

    /**
     * The first difference between the file's text and what it should be, readable in a test failure: the first
     * line that differs, the lines that differ from there (at most {@value #SHOWN} of each side; the lines both
     * sides share at the end are left out) and a line of context before them.
     *
     * @param file the file's path, for the message
     * @param checkedIn the file's text
     * @param generated what it should be
     * @return the difference, or empty if there is none
     */
    static Optional<String> difference(String file, String checkedIn, String generated) {
        List<String> old = lines(checkedIn);
        List<String> now = lines(generated);
        if (old.equals(now)) {
            return Optional.empty();
        }
        int start = 0;
        while (start < old.size() && start < now.size() && old.get(start).equals(now.get(start))) {
            start++;
        }
        int endOld = old.size();
        int endNow = now.size();
        while (endOld > start && endNow > start && old.get(endOld - 1).equals(now.get(endNow - 1))) {
            endOld--;
            endNow--;
        }
        StringBuilder out = new StringBuilder(file).append(" differs from what the database gives from line ")
                .append(start + 1).append(" (").append(endOld - start).append(" lines in the file, ")
                .append(endNow - start).append(" generated):\n");
        if (start > 0) {
            out.append("  ").append(start).append(":  ").append(old.get(start - 1)).append('\n');
        }
        side(out, old, start, endOld, "- ");
        side(out, now, start, endNow, "+ ");
        return Optional.of(out.toString());
    }

    private static void side(StringBuilder out, List<String> lines, int start, int end, String mark) {
        for (int i = start; i < Math.min(end, start + SHOWN); i++) {
            out.append(mark).append(i + 1).append(": ").append(lines.get(i)).append('\n');
        }
        if (end - start > SHOWN) {
            out.append(mark).append("... ").append(end - start - SHOWN).append(" more lines\n");
        }
    }

    /**
     * Replaces each generated block of a hand-written Markdown file: the lines between
     * {@code <!-- generated: NAME ... -->} and {@code <!-- end generated: NAME -->}.
     *
     * @param text the file's text
     * @param blocks each block's new content, by name; every one must have its markers in the text
     * @return the text with the new blocks
     * @throws IllegalArgumentException if a block's markers are missing
     */
    static String replaceBlocks(String text, Map<String, String> blocks) {
        String result = text.replace("\r\n", "\n");
        for (Map.Entry<String, String> block : blocks.entrySet()) {
            String begin = "<!-- generated: " + block.getKey() + " ";
            String end = "<!-- end generated: " + block.getKey() + " -->";
            int from = result.indexOf(begin);
            int to = result.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("no generated block '" + block.getKey() + "': put the lines "
                        + begin + "... -->' and '" + end + "' where it goes");
            }
            int contentStart = result.indexOf('\n', from) + 1;
            result = result.substring(0, contentStart) + block.getValue() + result.substring(to);
        }
        return result;
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
    }
}
