package rs.builds.database.internal;

/** Writes values in PostgreSQL's COPY text format: tab-separated columns, one row a line, backslash escapes. */
final class CopyText {
    private CopyText() {
    }

    /** Appends a text value, escaping the characters COPY gives meaning to. */
    static StringBuilder append(StringBuilder row, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return row;
    }
}
