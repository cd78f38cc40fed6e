package rs.builds.database.internal;

/** Writes values in PostgreSQL's COPY text format: tab-separated columns, one row a line, backslash escapes. */
final class CopyText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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

    /** Appends a bytea value (in hex, its backslash escaped for COPY). */
    static StringBuilder appendBytea(StringBuilder row, byte[] value) {
        row.append("\\\\x");
        for (byte b : value) {
            row.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return row;
    }
}
