package rs.builds.database.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ```console} blocks of a Markdown file as the steps a reader types: each {@code $ } line is a command
 * (with the lines of a here-document, {@code <<'EOF'} up to {@code EOF}), and the lines after it, up to the next
 * command or the end of the block, are what it prints. Other blocks ({@code ```sh}, {@code ```java}) are not steps.
 *
 * @param file the Markdown file
 * @param lines its lines
 * @param steps its commands, in order
 */
record ConsoleDoc(Path file, List<String> lines, List<Step> steps) {
    private static final String PROMPT = "$ ";
    private static final Pattern HERE_DOCUMENT = Pattern.compile("<<'?(\\w+)'?$");

    /**
     * One command and the output the doc shows for it.
     *
     * @param line the command's line number in the file, from 1, for messages
     * @param command what follows the prompt, with a here-document's lines
     * @param firstOutput index in {@link #lines()} of its first output line
     * @param endOutput index after its last output line
     */
    record Step(int line, String command, int firstOutput, int endOutput) {
    }

    static ConsoleDoc read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```console")) {
                continue;
            }
            i++;
            while (!lines.get(i).startsWith("```")) {
                if (!lines.get(i).startsWith(PROMPT)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": a console block starts with a"
                            + " command ($ ...), not: " + lines.get(i));
                }
                int line = i + 1;
                StringBuilder command = new StringBuilder(lines.get(i).substring(PROMPT.length()));
                Matcher hereDocument = HERE_DOCUMENT.matcher(command);
                i++;
                if (hereDocument.find()) {
                    String end = hereDocument.group(1);
                    for (; !lines.get(i).equals(end); i++) {
                        command.append('\n').append(lines.get(i));
                    }
                    command.append('\n').append(end);
                    i++;
                }
                int firstOutput = i;
                while (!lines.get(i).startsWith(PROMPT) && !lines.get(i).startsWith("```")) {
                    i++;
                }
                steps.add(new Step(line, command.toString(), firstOutput, i));
            }
        }
        return new ConsoleDoc(file, List.copyOf(lines), List.copyOf(steps));
    }

    /** @return the output the doc shows for the step, each line ending in a newline */
    String output(Step step) {
        StringBuilder output = new StringBuilder();
        lines.subList(step.firstOutput(), step.endOutput()).forEach(line -> output.append(line).append('\n'));
        return output.toString();
    }

    /**
     * Writes the file with new outputs for some steps.
     *
     * @param outputs per step (by index in {@link #steps()}), the output to show, or {@code null} to keep the doc's
     */
    void rewrite(List<String> outputs) throws IOException {
        List<String> rewritten = new ArrayList<>(lines);
        for (int s = steps.size() - 1; s >= 0; s--) {
            String output = outputs.get(s);
            if (output != null) {
                Step step = steps.get(s);
                List<String> replaced = rewritten.subList(step.firstOutput(), step.endOutput());
                replaced.clear();
                replaced.addAll(output.isEmpty() ? List.of() : List.of(output.split("\n", -1))
                        .subList(0, output.split("\n", -1).length - 1));
            }
        }
        Files.write(file, rewritten);
    }
}
