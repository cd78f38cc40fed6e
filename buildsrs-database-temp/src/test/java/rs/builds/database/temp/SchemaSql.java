package rs.builds.database.temp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rs.builds.database.temp.LiveSchema.Column;
import rs.builds.database.temp.LiveSchema.Constraint;
import rs.builds.database.temp.LiveSchema.Function;
import rs.builds.database.temp.LiveSchema.Grant;
import rs.builds.database.temp.LiveSchema.Index;
import rs.builds.database.temp.LiveSchema.Sequence;
import rs.builds.database.temp.LiveSchema.Table;
import rs.builds.database.temp.LiveSchema.Trigger;
import rs.builds.database.temp.LiveSchema.Type;

/**
 * Prints a {@link LiveSchema} as {@code sql/schema.sql}: a header, then extensions, types, sequences, tables (each
 * with its columns, constraints, indexes, comments and grants, then its identity sequences' grants), views,
 * functions (whole definitions, comments, grants) and triggers, each kind by name. Written to be read; objects
 * appear in this order, not in an order in which a database could create them.
 */
final class SchemaSql {
    private static final String RULE = "-- " + "=".repeat(113);

    private SchemaSql() {
    }

    /**
     * @param schema the live schema
     * @param header the lines of the header, without their {@code --}
     * @return the text of {@code sql/schema.sql}
     */
    static String render(LiveSchema schema, List<String> header) {
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line.isEmpty() ? "--" : "-- " + line).append('\n');
        }
        section(out, "Extensions");
        for (String extension : schema.extensions()) {
            out.append("CREATE EXTENSION IF NOT EXISTS ").append(extension).append(";\n");
        }
        if (!schema.types().isEmpty()) {
            section(out, "Types");
            for (Type type : schema.types()) {
                out.append('\n').append(type.definition()).append('\n');
                comment(out, "TYPE " + type.name(), type.comment());
            }
        }
        section(out, "Sequences (those of identity columns are shown with their tables)");
        for (Sequence sequence : schema.sequences()) {
            if (sequence.identityOf() == null) {
                out.append('\n').append(sequence.definition()).append('\n');
                comment(out, "SEQUENCE " + sequence.name(), sequence.comment());
                grants(out, "SEQUENCE " + sequence.name(), sequence.grants());
            }
        }
        section(out, "Tables, each with its constraints, indexes, comments and grants");
        for (Table table : schema.tables()) {
            if (table.isTable()) {
                table(out, table, schema.sequences());
            }
        }
        if (schema.tables().stream().anyMatch(table -> !table.isTable())) {
            section(out, "Views");
            for (Table view : schema.tables()) {
                if (!view.isTable()) {
                    view(out, view);
                }
            }
        }
        section(out, "Functions, with their security attributes (SECURITY DEFINER, SET search_path) and grants");
        for (Function function : schema.functions()) {
            out.append('\n').append(function.definition().stripTrailing()).append(";\n");
            comment(out, "FUNCTION " + function.signature(), function.comment());
            if (function.grants() != null) {
                // everyone may execute a function unless that is revoked: only the revoke is news
                if (function.grants().stream().noneMatch(grant -> grant.grantee().equals("PUBLIC"))) {
                    out.append("REVOKE ALL ON FUNCTION ").append(function.signature()).append(" FROM PUBLIC;\n");
                }
                grants(out, "FUNCTION " + function.signature(), function.grants().stream()
                        .filter(grant -> !grant.grantee().equals("PUBLIC")).toList());
            }
        }
        section(out, "Triggers, by table");
        for (Trigger trigger : schema.triggers()) {
            out.append('\n').append(trigger.definition().replace(" FOR EACH ", "\n    FOR EACH ")
                    .replace(" EXECUTE FUNCTION ", "\n    EXECUTE FUNCTION ")).append(";\n");
            switch (trigger.enabled()) {
                case "O" -> { }
                case "D" -> out.append("ALTER TABLE ").append(trigger.table()).append(" DISABLE TRIGGER ")
                        .append(trigger.name()).append(";\n");
                case "A" -> out.append("ALTER TABLE ").append(trigger.table()).append(" ENABLE ALWAYS TRIGGER ")
                        .append(trigger.name()).append(";\n");
                default -> out.append("ALTER TABLE ").append(trigger.table()).append(" ENABLE REPLICA TRIGGER ")
                        .append(trigger.name()).append(";\n");
            }
            comment(out, "TRIGGER " + trigger.name() + " ON " + trigger.table(), trigger.comment());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(RULE).append("\n-- ").append(title).append('\n').append(RULE).append('\n');
    }

    private static void table(StringBuilder out, Table table, List<Sequence> sequences) {
        out.append("\nCREATE ").append(table.unlogged() ? "UNLOGGED " : "").append("TABLE ").append(table.name())
                .append(" (\n");
        List<String> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add("    " + column(column));
        }
        out.append(String.join(",\n", columns)).append("\n);\n");
        if (!table.options().isEmpty()) {
            out.append("ALTER TABLE ").append(table.name()).append(" SET (").append(String.join(", ", table.options()))
                    .append(");\n");
        }
        if (table.rowSecurity()) {
            out.append("ALTER TABLE ").append(table.name()).append(" ENABLE ROW LEVEL SECURITY;\n");
        }
        for (Constraint constraint : table.constraints()) {
            out.append("ALTER TABLE ").append(table.name()).append(" ADD CONSTRAINT ").append(constraint.name())
                    .append(' ').append(constraint.definition()).append(";\n");
        }
        for (Index index : table.indexes()) {
            out.append(index.definition()).append(";\n");
        }
        comment(out, "TABLE " + table.name(), table.comment());
        for (Column column : table.columns()) {
            comment(out, "COLUMN " + table.name() + "." + column.name(), column.comment());
        }
        for (Constraint constraint : table.constraints()) {
            comment(out, "CONSTRAINT " + constraint.name() + " ON " + table.name(), constraint.comment());
        }
        for (Index index : table.indexes()) {
            comment(out, "INDEX " + index.name(), index.comment());
        }
        grants(out, "TABLE " + table.name(), table.grants());
        for (Column column : table.columns()) {
            columnGrants(out, table.name(), column);
        }
        for (Sequence sequence : sequences) {
            if (sequence.identityOf() != null && sequence.identityOf().startsWith(table.name() + ".")) {
                grants(out, "SEQUENCE " + sequence.name(), sequence.grants());
            }
        }
    }

    private static String column(Column column) {
        StringBuilder text = new StringBuilder(column.name()).append(' ').append(column.type());
        if (column.collation() != null) {
            text.append(" COLLATE ").append(column.collation());
        }
        if (column.generated().equals("s")) {
            text.append(" GENERATED ALWAYS AS (").append(column.defaultValue()).append(") STORED");
        } else if (column.defaultValue() != null) {
            text.append(" DEFAULT ").append(column.defaultValue());
        }
        if (column.identity().equals("a")) {
            text.append(" GENERATED ALWAYS AS IDENTITY");
        } else if (column.identity().equals("d")) {
            text.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        if (column.notNull()) {
            text.append(" NOT NULL");
        }
        return text.toString();
    }

    private static void view(StringBuilder out, Table view) {
        out.append("\nCREATE ").append(view.kind().equals("m") ? "MATERIALIZED VIEW " : "VIEW ").append(view.name())
                .append(" AS\n").append(view.viewDefinition().stripTrailing());
        if (!view.viewDefinition().stripTrailing().endsWith(";")) {
            out.append(';');
        }
        out.append('\n');
        for (Index index : view.indexes()) {
            out.append(index.definition()).append(";\n");
        }
        comment(out, (view.kind().equals("m") ? "MATERIALIZED VIEW " : "VIEW ") + view.name(), view.comment());
        for (Column column : view.columns()) {
            comment(out, "COLUMN " + view.name() + "." + column.name(), column.comment());
        }
        grants(out, "TABLE " + view.name(), view.grants());
    }

    private static void comment(StringBuilder out, String object, String comment) {
        if (comment != null) {
            out.append("COMMENT ON ").append(object).append(" IS '").append(comment.replace("'", "''"))
                    .append("';\n");
        }
    }

    /** One GRANT per set of privileges, to the grantees that have just that set (grantees by name). */
    private static void grants(StringBuilder out, String object, List<Grant> grants) {
        for (Map.Entry<String, List<String>> privileges : byPrivileges(grants).entrySet()) {
            out.append("GRANT ").append(privileges.getKey()).append(" ON ").append(object).append(" TO ")
                    .append(String.join(", ", privileges.getValue())).append(";\n");
        }
    }

    private static void columnGrants(StringBuilder out, String table, Column column) {
        for (Map.Entry<String, List<String>> privileges : byPrivileges(column.grants()).entrySet()) {
            out.append("GRANT ").append(privileges.getKey().replace(", ", " (" + column.name() + "), ")).append(" (")
                    .append(column.name()).append(") ON TABLE ").append(table).append(" TO ")
                    .append(String.join(", ", privileges.getValue())).append(";\n");
        }
    }

    /** The grantees of each set of privileges ("SELECT, UPDATE"), in the order of their first grantee. */
    private static Map<String, List<String>> byPrivileges(List<Grant> grants) {
        Map<String, List<String>> byPrivileges = new LinkedHashMap<>();
        byGrantee(grants).forEach((grantee, privileges) -> byPrivileges
                .computeIfAbsent(String.join(", ", privileges), set -> new ArrayList<>()).add(grantee));
        return byPrivileges;
    }

    private static Map<String, List<String>> byGrantee(List<Grant> grants) {
        Map<String, List<String>> byGrantee = new LinkedHashMap<>();
        for (Grant grant : grants) {
            byGrantee.computeIfAbsent(grant.grantee(), grantee -> new ArrayList<>()).add(grant.privilege());
        }
        return byGrantee;
    }
}
