package rs.builds.database.temp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import rs.builds.database.temp.LiveSchema.Table;
import rs.builds.database.temp.LiveSchema.Trigger;

/**
 * The generated parts of {@code sql/README.md}: each table with what writes and reads it (DAO methods, from the
 * files of {@code sql/queries}, and functions, from their live bodies; see {@link SqlUses}); each function and
 * trigger with the migrations that defined it ({@link MigrationHistory}); and the {@link ErDiagram}.
 */
final class SqlMap {
    private static final Pattern TRIGGER_EVENTS = Pattern.compile(
            "^CREATE (?:CONSTRAINT )?TRIGGER \\S+ (.+?) ON \\S+ (.*)$", Pattern.DOTALL);
    private static final Pattern SEARCH_PATH = Pattern.compile("\\n SET search_path TO ([^\\n]+)");

    private final LiveSchema schema;
    private final Map<String, SqlUses> queries = new TreeMap<>();
    private final Map<String, SqlUses> functions = new TreeMap<>();
    private final MigrationHistory history;

    private SqlMap(LiveSchema schema, Map<String, String> queryFiles, MigrationHistory history) {
        this.schema = schema;
        this.history = history;
        Set<String> tables = schema.tables().stream().map(Table::name).collect(Collectors.toSet());
        Set<String> functionNames = schema.functions().stream().map(LiveSchema.Function::name)
                .collect(Collectors.toSet());
        queryFiles.forEach((method, sql) -> queries.put(method, SqlUses.of(sql, tables, functionNames)));
        for (LiveSchema.Function function : schema.functions()) {
            functions.merge(function.name(), SqlUses.of(function.source(), tables, functionNames), SqlMap::union);
        }
    }

    /**
     * Reads the query files and migrations of {@code sql/}.
     *
     * @param schema the live schema
     * @param sql the {@code sql} folder
     * @return the map
     * @throws IOException if a file cannot be read
     */
    static SqlMap read(LiveSchema schema, Path sql) throws IOException {
        Map<String, String> queryFiles = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sql.resolve("queries"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".sql")).toList()) {
                String method = file.getParent().getFileName() + "." + file.getFileName().toString()
                        .replaceFirst("\\.sql$", "");
                queryFiles.put(method, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return new SqlMap(schema, queryFiles, MigrationHistory.read(sql.resolve("migrations")));
    }

    /** {@return the generated blocks of sql/README.md, by name} */
    Map<String, String> blocks() {
        Map<String, String> blocks = new LinkedHashMap<>();
        blocks.put("tables", tables());
        blocks.put("functions", functions());
        blocks.put("triggers", triggers());
        blocks.put("diagram", "```mermaid\n" + ErDiagram.render(schema) + "```\n");
        return blocks;
    }

    private String tables() {
        StringBuilder out = new StringBuilder();
        for (Table table : schema.tables()) {
            out.append("- **`").append(table.name()).append("`**");
            if (!table.isTable()) {
                out.append(" (view)");
            }
            out.append(" — ").append(table.comment() == null ? "(no comment)" : table.comment());
            List<String> created = history.tableCreatedIn(table.name());
            if (!created.isEmpty()) {
                out.append(" Created in ").append(links(created.subList(created.size() - 1, created.size()), false));
            }
            List<String> changed = new ArrayList<>(history.tableChangedIn(table.name()));
            if (!created.isEmpty()) {
                changed.removeIf(file -> MigrationHistory.version(file)
                        <= MigrationHistory.version(created.get(created.size() - 1)));
            }
            if (!changed.isEmpty()) {
                out.append(", changed in ").append(links(changed, false));
            }
            out.append(created.isEmpty() && changed.isEmpty() ? "\n" : ".\n");
            out.append("  - written by: ").append(users(table.name(), SqlUses::writes)).append('\n');
            out.append("  - read by: ").append(users(table.name(), SqlUses::reads)).append('\n');
        }
        return out.toString();
    }

    /** DAO methods grouped by DAO, then functions, that write (or read) a table. */
    private String users(String table, Function<SqlUses, Set<String>> kind) {
        Map<String, Set<String>> byDao = new TreeMap<>();
        queries.forEach((method, uses) -> {
            if (kind.apply(uses).contains(table)) {
                String[] parts = method.split("\\.");
                byDao.computeIfAbsent(parts[0], dao -> new TreeSet<>()).add(parts[1]);
            }
        });
        List<String> groups = new ArrayList<>();
        byDao.forEach((dao, methods) -> groups.add("`" + dao + "` " + String.join(", ", methods)));
        Set<String> byFunctions = new TreeSet<>();
        functions.forEach((function, uses) -> {
            if (kind.apply(uses).contains(table)) {
                byFunctions.add("`" + function + "`");
            }
        });
        if (!byFunctions.isEmpty()) {
            groups.add("functions " + String.join(", ", byFunctions));
        }
        return groups.isEmpty() ? "nothing in sql/queries or the schema's functions" : String.join("; ", groups);
    }

    private String functions() {
        StringBuilder out = new StringBuilder("| function | defined in (live: last) | runs as | fired by | called by |"
                + " writes |\n| --- | --- | --- | --- | --- | --- |\n");
        for (LiveSchema.Function function : schema.functions()) {
            List<String> defined = new ArrayList<>(history.functionDefinedIn(function.name()));
            String definedIn = links(defined, true);
            List<String> altered = history.functionAlteredIn(function.name());
            if (!altered.isEmpty()) {
                definedIn += "; attributes altered in " + links(altered, false);
            }
            Matcher path = SEARCH_PATH.matcher(function.definition());
            String runsAs = (function.securityDefiner() ? "owner" : "caller")
                    + (path.find() ? ", search_path " + path.group(1).replace("'", "") : "");
            List<String> firedBy = new ArrayList<>();
            for (Trigger trigger : schema.triggers()) {
                if (trigger.function().equals(function.name())) {
                    firedBy.add("`" + trigger.name() + "` on " + trigger.table());
                }
            }
            Set<String> calledBy = new TreeSet<>();
            queries.forEach((method, uses) -> {
                if (uses.calls().contains(function.name())) {
                    calledBy.add("`" + method + "`");
                }
            });
            functions.forEach((caller, uses) -> {
                if (uses.calls().contains(function.name()) && !caller.equals(function.name())) {
                    calledBy.add("`" + caller + "`");
                }
            });
            out.append("| `").append(function.signature()).append("` | ").append(definedIn).append(" | ")
                    .append(runsAs).append(" | ").append(orDash(firedBy)).append(" | ").append(orDash(calledBy))
                    .append(" | ").append(orDash(functions.get(function.name()).writes())).append(" |\n");
        }
        return out.toString();
    }

    private String triggers() {
        StringBuilder out = new StringBuilder("| table | trigger | fires | function | created in |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (Trigger trigger : schema.triggers()) {
            Matcher events = TRIGGER_EVENTS.matcher(trigger.definition());
            String fires = trigger.definition();
            if (events.matches()) {
                String rest = events.group(2);
                fires = events.group(1) + (rest.contains("FOR EACH ROW") ? ", per row" : ", per statement")
                        + (rest.contains("WHEN (") ? ", when …" : "")
                        + (rest.contains("INITIALLY DEFERRED") ? ", at commit" : "");
            }
            out.append("| ").append(trigger.table()).append(" | `").append(trigger.name()).append("` | ")
                    .append(fires).append(" | `").append(trigger.function()).append("` | ")
                    .append(links(history.triggerCreatedIn(trigger.name()), true)).append(" |\n");
        }
        return out.toString();
    }

    private static String orDash(Collection<String> items) {
        return items.isEmpty() ? "—" : String.join(", ", items);
    }

    /** Migration files as short links ({@code [V8](migrations/V8__queue_races.sql)}), the last one in bold if asked. */
    private static String links(List<String> files, boolean boldLast) {
        if (files.isEmpty()) {
            return "—";
        }
        List<String> links = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String link = "[V" + MigrationHistory.version(files.get(i)) + "](migrations/" + files.get(i) + ")";
            links.add(boldLast && i == files.size() - 1 && files.size() > 1 ? "**" + link + "**" : link);
        }
        return String.join(", ", links);
    }

    private static SqlUses union(SqlUses a, SqlUses b) {
        Set<String> writes = new TreeSet<>(a.writes());
        writes.addAll(b.writes());
        Set<String> reads = new TreeSet<>(a.reads());
        reads.addAll(b.reads());
        Set<String> calls = new TreeSet<>(a.calls());
        calls.addAll(b.calls());
        return new SqlUses(writes, reads, calls);
    }
}
