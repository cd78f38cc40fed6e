package rs.builds.database.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into arguments as a POSIX shell does for plain words and single and double quotes. */
final class ShellWords {
    private ShellWords() {
    }

    /**
     * @param line e.g. {@code builder add key.pub --comment 'rack 3, 16 cores'}
     * @return the arguments, e.g. {@code [builder, add, key.pub, --comment, rack 3, 16 cores]}
     * @throws IllegalArgumentException for what this does not handle: an unclosed quote, or {@code $ ` | ; & < >}
     *     outside single quotes, which a shell would expand or act on
     */
    static String[] split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ' in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0 || line.substring(i + 1, end).matches(".*[$`\\\\].*")) {
                    throw new IllegalArgumentException("a double-quoted word this cannot split in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if ("$`|;&<>\\\n".indexOf(c) >= 0) {
                throw new IllegalArgumentException("a shell would act on '" + c + "' in: " + line);
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}
