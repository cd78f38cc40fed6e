package rs.builds.database.temp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rs.builds.database.temp.LiveSchema.Column;
import rs.builds.database.temp.LiveSchema.Constraint;
import rs.builds.database.temp.LiveSchema.Function;
import rs.builds.database.temp.LiveSchema.Table;

/**
 * A Mermaid {@code erDiagram} of a {@link LiveSchema}'s tables: each table with its columns (type, and PK, FK, UK
 * marks), and an edge for each foreign key. References the schema checks by trigger instead of a foreign key are
 * edges too, labelled {@code (trigger)}: the functions that check them say so in their comment, as
 * {@code Per-statement foreign key of TABLE.COLUMN to TABLE.COLUMN}.
 */
final class ErDiagram {
    private static final Pattern TRIGGER_REFERENCE = Pattern.compile(
            "Per-statement foreign key of (\\w+)\\.(\\w+) to (\\w+)\\.(\\w+)");
    /** Mermaid's attribute types are one word: the few multi-word types PostgreSQL prints, shortened. */
    private static final Map<String, String> SHORT_TYPES = Map.of("timestamp with time zone", "timestamptz",
            "timestamp without time zone", "timestamp", "character varying", "varchar", "double precision", "float8",
            "time with time zone", "timetz", "time without time zone", "time", "bit varying", "varbit");

    private static final List<String> KEY_ORDER = List.of("PK", "FK", "UK");

    /** A reference from a child table's columns to a parent table. */
    private record Reference(String child, List<String> columns, String parent, boolean trigger) {
    }

    private ErDiagram() {
    }

    /**
     * @param schema the live schema
     * @return the diagram, from {@code erDiagram} to its last line, without the Markdown fence
     */
    static String render(LiveSchema schema) {
        List<Reference> references = new ArrayList<>();
        for (Table table : schema.tables()) {
            for (Constraint constraint : table.constraints()) {
                if (constraint.kind().equals("f")) {
                    references.add(new Reference(table.name(), constraint.columns(), constraint.references(), false));
                }
            }
        }
        for (Function function : schema.functions()) {
            Matcher matcher = TRIGGER_REFERENCE.matcher(function.comment() == null ? "" : function.comment());
            if (matcher.find()) {
                references.add(new Reference(matcher.group(1), List.of(matcher.group(2)), matcher.group(3), true));
            }
        }
        StringBuilder out = new StringBuilder("erDiagram\n");
        for (Reference reference : references) {
            Table child = table(schema, reference.child());
            boolean nullable = reference.columns().stream().anyMatch(name -> !column(child, name).notNull());
            boolean unique = child.constraints().stream()
                    .anyMatch(c -> (c.kind().equals("u") || c.kind().equals("p"))
                            && c.columns().equals(reference.columns()));
            out.append("    ").append(reference.parent()).append(nullable ? " |o--" : " ||--")
                    .append(unique ? "o| " : "o{ ").append(reference.child()).append(" : \"")
                    .append(String.join(", ", reference.columns())).append(reference.trigger() ? " (trigger)" : "")
                    .append("\"\n");
        }
        for (Table table : schema.tables()) {
            if (!table.isTable()) {
                continue;
            }
            out.append("    ").append(table.name()).append(" {\n");
            for (Column column : table.columns()) {
                Set<String> keys = new LinkedHashSet<>();
                for (Constraint constraint : table.constraints()) {
                    if (constraint.columns().contains(column.name())) {
                        switch (constraint.kind()) {
                            case "p" -> keys.add("PK");
                            case "u", "x" -> keys.add("UK");
                            default -> { }
                        }
                    }
                }
                for (Reference reference : references) {
                    if (reference.child().equals(table.name()) && reference.columns().contains(column.name())) {
                        keys.add("FK");
                    }
                }
                out.append("        ").append(type(column.type())).append(' ').append(column.name());
                if (!keys.isEmpty()) {
                    out.append(' ').append(String.join(", ", KEY_ORDER.stream().filter(keys::contains).toList()));
                }
                out.append('\n');
            }
            out.append("    }\n");
        }
        return out.toString();
    }

    private static String type(String type) {
        String base = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
        String suffix = type.endsWith("[]") ? "[]" : "";
        return SHORT_TYPES.getOrDefault(base, base).replaceAll("[^A-Za-z0-9_()]", "_") + suffix;
    }

    private static Table table(LiveSchema schema, String name) {
        return schema.tables().stream().filter(table -> table.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no table " + name + " in the live schema"));
    }

    private static Column column(Table table, String name) {
        return table.columns().stream().filter(column -> column.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column " + table.name() + "." + name));
    }
}
