package rs.builds.database.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** An aligned, plain-text table for human output: a header row, then rows, columns padded to fit. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** @param header the column names */
    public TextTable(String... header) {
        this(header.length);
        rows.add(header);
    }

    private TextTable(int columns) {
        this.columns = columns;
    }

    /**
     * @param columns how many columns
     * @return a table without a header row, e.g. for one record's fields as name/value rows
     */
    public static TextTable withoutHeader(int columns) {
        return new TextTable(columns);
    }

    /**
     * @param cells one value per column; {@code null} prints as empty
     * @return this table
     */
    public TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(text);
        return this;
    }

    /** @param out where to print; the last column is not padded */
    public void print(PrintStream out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i + 1 < columns ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i]);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
