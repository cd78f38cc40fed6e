package rs.builds.database.temp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the schema's tables a SQL text writes and reads, and which of its functions it calls, found by the
 * statements' keywords: {@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t}, {@code TRUNCATE t},
 * {@code COPY t ... FROM} and {@code MERGE INTO t} write {@code t}; {@code FROM}, {@code JOIN} and {@code USING} read
 * (with comma-separated lists after {@code FROM}); a known function name before {@code (} is a call. Only names of
 * the schema's tables and functions count, so aliases, CTEs and keywords after a keyword drop out. String literals
 * and comments are ignored: a table named only inside a string (dynamic SQL, {@code 'crates'::regclass}) is not seen.
 */
record SqlUses(Set<String> writes, Set<String> reads, Set<String> calls) {
    private static final Pattern TOKEN = Pattern.compile("[a-z_][a-z0-9_$]*|[(),;]");
    private static final Set<String> CLAUSES = Set.of("where", "join", "left", "right", "inner", "full", "cross",
            "on", "group", "order", "limit", "offset", "returning", "union", "except", "intersect", "for", "set",
            "window", "having", "values", "select", "natural", "lateral", "using", "with", "from", "into", "then");

    /**
     * @param sql the SQL text (a query file, or a function's body)
     * @param tables the schema's table names
     * @param functions the schema's function names
     * @return what the text writes, reads and calls
     */
    static SqlUses of(String sql, Set<String> tables, Set<String> functions) {
        List<String> tokens = tokens(sql);
        Set<String> writes = new TreeSet<>();
        Set<String> reads = new TreeSet<>();
        Set<String> calls = new TreeSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            String previous = i > 0 ? tokens.get(i - 1) : "";
            switch (token) {
                case "insert", "merge" -> {
                    if (next.equals("into")) {
                        table(tokens, i + 2, tables, writes);
                    }
                }
                case "update" -> table(tokens, i + 1, tables, writes);
                case "delete" -> {
                    if (next.equals("from")) {
                        table(tokens, i + 2, tables, writes);
                    }
                }
                case "truncate" -> list(tokens, next.equals("table") ? i + 2 : i + 1, tables, writes);
                case "copy" -> {
                    if (tokens.subList(i, Math.min(tokens.size(), i + 40)).contains("from")) {
                        table(tokens, i + 1, tables, writes);
                    } else {
                        table(tokens, i + 1, tables, reads);
                    }
                }
                case "from" -> {
                    if (!previous.equals("delete") && !previous.equals("copy")) {
                        list(tokens, i + 1, tables, reads);
                    }
                }
                case "join", "using" -> table(tokens, i + 1, tables, reads);
                default -> {
                    if (next.equals("(") && functions.contains(token)) {
                        calls.add(token);
                    }
                }
            }
        }
        return new SqlUses(writes, reads, calls);
    }

    /** The table named at {@code at} (after an optional ONLY), if it is one of the schema's. */
    private static int table(List<String> tokens, int at, Set<String> tables, Set<String> into) {
        int i = at < tokens.size() && tokens.get(at).equals("only") ? at + 1 : at;
        if (i < tokens.size() && tables.contains(tokens.get(i))) {
            into.add(tokens.get(i));
        }
        return i + 1;
    }

    /** A list {@code t [[AS] alias], t [[AS] alias], ...}; stops at anything else. */
    private static void list(List<String> tokens, int at, Set<String> tables, Set<String> into) {
        int i = table(tokens, at, tables, into);
        while (true) {
            if (i < tokens.size() && tokens.get(i).equals("as")) {
                i++;
            }
            if (i < tokens.size() && Character.isLetter(tokens.get(i).charAt(0)) && !CLAUSES.contains(tokens.get(i))) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).equals(",")) {
                i = table(tokens, i + 1, tables, into);
            } else {
                return;
            }
        }
    }

    /** Lower-case words and the punctuation that matters, without comments, string literals or quoted names. */
    static List<String> tokens(String sql) {
        String text = withoutLiterals(sql).toLowerCase();
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** The text with comments removed and every string literal emptied. */
    static String withoutLiterals(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                int j = i + 1;
                while (j < sql.length()) {
                    char d = sql.charAt(j);
                    if (escapes && d == '\\') {
                        j += 2;
                    } else if (d == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
                        j += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        j++;
                    }
                }
                out.append("''");
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
