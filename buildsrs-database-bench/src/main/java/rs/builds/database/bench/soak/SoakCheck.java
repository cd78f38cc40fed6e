package rs.builds.database.bench.soak;

import java.util.List;

/**
 * One invariant's result.
 *
 * @param name what must hold
 * @param checked how many things were checked
 * @param broken how many of them broke it
 * @param examples the first broken ones, described
 */
record SoakCheck(String name, long checked, long broken, List<String> examples) {
    static final int EXAMPLES = 5;

    SoakCheck {
        examples = List.copyOf(examples.subList(0, Math.min(EXAMPLES, examples.size())));
    }

    boolean holds() {
        return broken == 0;
    }

    String line() {
        return String.format("%-6s %s (%,d checked%s)", holds() ? "OK" : "BROKEN", name, checked,
                holds() ? "" : String.format(", %,d broken: %s", broken, String.join("; ", examples)));
    }
}
