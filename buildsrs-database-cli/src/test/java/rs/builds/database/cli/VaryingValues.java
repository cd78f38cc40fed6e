package rs.builds.database.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values that differ from run to run: UUIDs, SSH key fingerprints, public keys and times. A doc shows one run's;
 * a test run makes its own. Each UUID, fingerprint or key the doc shows is bound to the run's at its first appearance,
 * and stands for that same value wherever the doc shows it again, in later output or in a command. Times match any
 * time. Everything else must be equal, character for character.
 */
final class VaryingValues {
    private static final Pattern VARYING = Pattern.compile(
            "(?<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
                    + "|(?<fingerprint>SHA256:[A-Za-z0-9+/]{43})"
                    + "|(?<key>AAAA[A-Za-z0-9+/]{40,}={0,2})"
                    + "|(?<time>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)");
    private static final List<String> KINDS = List.of("uuid", "fingerprint", "key", "time");

    /** The run's value of each value the doc shows. */
    private final Map<String, String> runOf = new HashMap<>();
    /** The doc's value of each value of the run. */
    private final Map<String, String> docOf = new HashMap<>();

    /** Text cut at the varying values: literal text, a value, literal text, ..., literal text. */
    private record Part(String text, String kind) {
    }

    private static List<Part> parts(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = VARYING.matcher(text);
        int literal = 0;
        while (matcher.find()) {
            parts.add(new Part(text.substring(literal, matcher.start()), null));
            String kind = KINDS.stream().filter(k -> matcher.group(k) != null).findFirst().orElseThrow();
            parts.add(new Part(matcher.group(), kind));
            literal = matcher.end();
        }
        parts.add(new Part(text.substring(literal), null));
        return parts;
    }

    /** @return the command with each value the doc showed before replaced by the run's */
    String command(String doc) {
        return VARYING.matcher(doc).replaceAll(value -> Matcher.quoteReplacement(
                runOf.getOrDefault(value.group(), value.group())));
    }

    /**
     * Whether the run printed what the doc shows; if so, binds the doc's new values to the run's.
     *
     * @param doc the output the doc shows
     * @param run the output of the run
     */
    boolean matches(String doc, String run) {
        List<Part> expected = parts(doc);
        List<Part> actual = parts(run);
        if (expected.size() != actual.size()) {
            return false;
        }
        Map<String, String> newRunOf = new HashMap<>(runOf);
        Map<String, String> newDocOf = new HashMap<>(docOf);
        for (int i = 0; i < expected.size(); i++) {
            Part shown = expected.get(i);
            Part printed = actual.get(i);
            if (shown.kind() == null || !shown.kind().equals(printed.kind())) {
                if (!shown.equals(printed)) {
                    return false;
                }
            } else if (!shown.kind().equals("time")) {
                // one to one: a value the doc shows twice is one value of the run, two values are two
                if (!newRunOf.getOrDefault(shown.text(), printed.text()).equals(printed.text())
                        || !newDocOf.getOrDefault(printed.text(), shown.text()).equals(shown.text())) {
                    return false;
                }
                newRunOf.put(shown.text(), printed.text());
                newDocOf.put(printed.text(), shown.text());
            }
        }
        runOf.putAll(newRunOf);
        docOf.putAll(newDocOf);
        return true;
    }

    /** @return the run's output with the values bound so far shown as the doc shows them */
    String asDoc(String run) {
        return VARYING.matcher(run).replaceAll(value -> Matcher.quoteReplacement(
                docOf.getOrDefault(value.group(), value.group())));
    }
}
