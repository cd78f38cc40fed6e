package rs.builds.database.temp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which migration in {@code sql/migrations} created or changed each table, function and trigger, found by the
 * statements that name them ({@code CREATE [OR REPLACE] FUNCTION f}, {@code ALTER FUNCTION f}, {@code CREATE
 * [CONSTRAINT] TRIGGER t}, {@code CREATE TABLE t}, {@code ALTER TABLE t}, {@code CREATE [UNIQUE] INDEX i ON t}),
 * outside comments and string literals. Migrations are named {@code V<n>__<description>.sql}; ordered by n.
 */
final class MigrationHistory {
    private static final Pattern FILE = Pattern.compile("V(\\d+)__\\w+\\.sql");
    private static final Pattern FUNCTION = Pattern.compile(
            "\\bcreate\\s+(?:or\\s+replace\\s+)?function\\s+(?:public\\.)?(\\w+)");
    private static final Pattern FUNCTION_ALTERED = Pattern.compile("\\balter\\s+function\\s+(?:public\\.)?(\\w+)");
    private static final Pattern TRIGGER = Pattern.compile("\\bcreate\\s+(?:constraint\\s+)?trigger\\s+(\\w+)");
    private static final Pattern TABLE = Pattern.compile("\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:public\\.)?(\\w+)");
    private static final Pattern TABLE_CHANGED = Pattern.compile(
            "\\b(?:alter\\s+table\\s+(?:only\\s+)?|create\\s+(?:unique\\s+)?index\\s+\\w+\\s+on\\s+(?:only\\s+)?)"
                    + "(?:public\\.)?(\\w+)");

    private final List<String> files;
    private final Map<String, List<String>> functionsDefined = new TreeMap<>();
    private final Map<String, List<String>> functionsAltered = new TreeMap<>();
    private final Map<String, List<String>> triggersCreated = new TreeMap<>();
    private final Map<String, List<String>> tablesCreated = new TreeMap<>();
    private final Map<String, TreeSet<String>> tablesChanged = new TreeMap<>();

    private MigrationHistory(Map<String, String> migrations) {
        this.files = List.copyOf(migrations.keySet());
        for (Map.Entry<String, String> migration : migrations.entrySet()) {
            String name = migration.getKey();
            String text = SqlUses.withoutLiterals(migration.getValue()).toLowerCase();
            record(FUNCTION, text, name, functionsDefined);
            record(FUNCTION_ALTERED, text, name, functionsAltered);
            record(TRIGGER, text, name, triggersCreated);
            record(TABLE, text, name, tablesCreated);
            Matcher changed = TABLE_CHANGED.matcher(text);
            while (changed.find()) {
                tablesChanged.computeIfAbsent(changed.group(1), table -> new TreeSet<>(byVersion())).add(name);
            }
        }
    }

    /**
     * Reads the migrations of a folder.
     *
     * @param folder {@code sql/migrations}
     * @return their history
     * @throws IOException if the folder cannot be read
     */
    static MigrationHistory read(Path folder) throws IOException {
        Map<String, String> migrations = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.filter(path -> FILE.matcher(path.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(path -> path.getFileName().toString(), byVersion())).toList()) {
                migrations.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
            }
        }
        return new MigrationHistory(migrations);
    }

    private static void record(Pattern pattern, String text, String file, Map<String, List<String>> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            List<String> files = into.computeIfAbsent(matcher.group(1), name -> new ArrayList<>());
            if (!files.contains(file)) {
                files.add(file);
            }
        }
    }

    /** {@return migration file names by their version number} */
    static Comparator<String> byVersion() {
        return Comparator.comparingInt(MigrationHistory::version);
    }

    /** {@return the version number of a migration file name} */
    static int version(String file) {
        Matcher matcher = FILE.matcher(file);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a migration file name (V<n>__<description>.sql): " + file);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** {@return the migration files, in version order} */
    List<String> files() {
        return files;
    }

    /** {@return the migrations that create or replace a function, in order} */
    List<String> functionDefinedIn(String function) {
        return functionsDefined.getOrDefault(function, List.of());
    }

    /** {@return the migrations that alter a function (its attributes), in order} */
    List<String> functionAlteredIn(String function) {
        return functionsAltered.getOrDefault(function, List.of());
    }

    /** {@return the migrations that create a trigger of this name, in order} */
    List<String> triggerCreatedIn(String trigger) {
        return triggersCreated.getOrDefault(trigger, List.of());
    }

    /** {@return the migrations that create a table of this name, in order} */
    List<String> tableCreatedIn(String table) {
        return tablesCreated.getOrDefault(table, List.of());
    }

    /** {@return the migrations that alter a table or create an index on it, in order} */
    List<String> tableChangedIn(String table) {
        return List.copyOf(tablesChanged.getOrDefault(table, new TreeSet<>()));
    }
}
