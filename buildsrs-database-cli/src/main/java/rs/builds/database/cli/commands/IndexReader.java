package rs.builds.database.cli.commands;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import rs.builds.database.IndexEntry;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Names;
import rs.builds.database.cli.CommandFailedException;

/**
 * The versions of a local copy of the crates.io index (a directory tree of files holding one JSON object per line
 * and version, or one such file), read lazily as they are consumed: files in sorted order, one line at a time with
 * Jackson's streaming parser, so memory holds one line, never the index. A line is malformed if it is not JSON,
 * lacks a field, or a field breaks the rules of {@link Names} (those of the API and the schema). Malformed lines are
 * reported as {@code FILE:LINE: what is wrong} and never returned. Unless invalid lines are skipped, the rows after
 * the first malformed one are still checked but not returned, and the end of the input throws
 * {@link CommandFailedException} saying how many there were, which aborts the sync consuming the rows.
 */
final class IndexReader implements Iterator<IndexEntry>, Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    /** Longest line read, in bytes: an index line is a few kB; past this a file is not an index (nor held in memory). */
    static final int LINE_MAX = 16 << 20;
    /** Malformed lines reported one by one; past these only their count is (a file that is not an index has many). */
    static final int MALFORMED_SHOWN = 20;

    private final SortedWalk walk;
    private final ImportProgress progress;
    private final boolean skipInvalid;
    private BufferedReader reader;
    private Path file;
    private long lineNumber;
    private long bytesBefore;
    private long bytesInFile;
    private long fileSize;
    private IndexEntry next;
    private long rows;
    private long malformed;
    private long yanked;
    private boolean exhausted;

    /**
     * @param path the index directory, or one of its files
     * @param progress told of each row, each malformed line and the end
     * @param skipInvalid whether rows are still returned once a line was malformed
     */
    IndexReader(Path path, ImportProgress progress, boolean skipInvalid) {
        this.walk = new SortedWalk(path);
        this.progress = progress;
        this.skipInvalid = skipInvalid;
    }

    /** @return the size in bytes of the files an index holds, walked as a reader would (nothing is read) */
    static long size(Path path) {
        long bytes = 0;
        SortedWalk walk = new SortedWalk(path);
        for (Path file = walk.next(); file != null; file = walk.next()) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
            }
        }
        return bytes;
    }

    /** @return how many lines were malformed so far */
    long malformed() {
        return malformed;
    }

    /** @return how many of the rows handed over so far were yanked versions */
    long yanked() {
        return yanked;
    }

    /**
     * @param count how many lines were malformed
     * @return {@code "N malformed line(s)"}, saying when only the first were reported one by one
     */
    static String malformedLines(long count) {
        return count + " malformed line" + (count == 1 ? "" : "s")
                + (count > MALFORMED_SHOWN ? " (the first " + MALFORMED_SHOWN + " shown)" : "");
    }

    @Override
    public boolean hasNext() {
        while (next == null && !exhausted) {
            String line = readLine();
            if (line == null) {
                exhausted = true;
                progress.done(rows);
                if (malformed > 0 && !skipInvalid) {
                    throw new CommandFailedException(malformedLines(malformed)
                            + "; nothing imported (pass --skip-invalid to import the rest)");
                }
            } else if (!line.isBlank()) {
                IndexEntry entry = parse(line);
                if (entry != null && (skipInvalid || malformed == 0)) {
                    next = entry;
                    rows++;
                    if (entry.yanked()) {
                        yanked++;
                    }
                    progress.row(bytesBefore + Math.min(bytesInFile, fileSize), rows);
                }
            }
        }
        return next != null;
    }

    @Override
    public IndexEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        IndexEntry entry = next;
        next = null;
        return entry;
    }

    /** @return the next line of the input, or {@code null} at its end */
    private String readLine() {
        try {
            while (true) {
                if (reader == null) {
                    file = walk.next();
                    if (file == null) {
                        return null;
                    }
                    fileSize = Files.size(file);
                    // malformed UTF-8 becomes U+FFFD (and so at worst a malformed line), not an exception
                    reader = new BufferedReader(new InputStreamReader(new LineLimit(Files.newInputStream(file)),
                            StandardCharsets.UTF_8));
                    lineNumber = 0;
                    bytesInFile = 0;
                }
                String line;
                try {
                    line = reader.readLine();
                } catch (LineTooLong e) {
                    report(file + ":" + (lineNumber + 1) + ": longer than " + (LINE_MAX >> 20)
                            + " MiB; the rest of this file is skipped");
                    line = null;
                }
                if (line != null) {
                    lineNumber++;
                    bytesInFile += line.length() + 1;
                    return line;
                }
                reader.close();
                reader = null;
                bytesBefore += fileSize;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the line's version, or {@code null} after reporting what is wrong with it */
    private IndexEntry parse(String line) {
        try {
            return entry(line);
        } catch (MalformedLine e) {
            report(file + ":" + lineNumber + ": " + e.getMessage());
            return null;
        }
    }

    /** Counts a malformed line, and reports it if it is one of the first: a warning when they are skipped. */
    private void report(String problem) {
        malformed++;
        if (malformed <= MALFORMED_SHOWN) {
            progress.malformed(problem, skipInvalid);
        }
    }

    private static IndexEntry entry(String line) throws MalformedLine {
        String name = null;
        String version = null;
        String checksum = null;
        Boolean yanked = null;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLine("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = string(parser, field);
                    case "vers" -> version = string(parser, field);
                    case "cksum" -> checksum = string(parser, field);
                    case "yanked" -> yanked = bool(parser, field);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedLine("more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedLine("not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            // parsing a String reads nothing else
            throw new UncheckedIOException(e);
        }
        check("name", name, Names::crateName);
        check("vers", version, Names::version);
        check("cksum", checksum, Names::checksum);
        if (yanked == null) {
            throw new MalformedLine("missing \"yanked\"");
        }
        return new IndexEntry(name, version, checksum, yanked);
    }

    private static String string(JsonParser parser, String field) throws IOException, MalformedLine {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedLine("\"" + field + "\" must be a string");
        }
        return parser.getText();
    }

    private static boolean bool(JsonParser parser, String field) throws MalformedLine {
        if (!parser.currentToken().isBoolean()) {
            throw new MalformedLine("\"" + field + "\" must be true or false");
        }
        return parser.currentToken() == JsonToken.VALUE_TRUE;
    }

    /** Rejects a missing field, or one that breaks its rule ({@link Names}: what the API and the schema take). */
    private static void check(String field, String value, UnaryOperator<String> rule) throws MalformedLine {
        if (value == null) {
            throw new MalformedLine("missing \"" + field + "\"");
        }
        if (value.indexOf('\uFFFD') >= 0) {
            // what the reader makes of bytes that are not UTF-8 (or a replacement character in the file)
            throw new MalformedLine("\"" + field + "\" is not valid UTF-8 (it holds U+FFFD)");
        }
        try {
            rule.apply(value);
        } catch (InvalidInputException e) {
            throw new MalformedLine("\"" + field + "\": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /**
     * The files of an index in sorted order, depth first. In a directory only files where the index layout puts a
     * crate's file count: {@code 1/a}, {@code 2/ab}, {@code 3/a/abc} and {@code ab/cd/abcd...} (the directories the
     * file's own name gives, in any case), so a clone's {@code README.md}, {@code config.json}, {@code .git} and
     * {@code .github} are passed over without being opened; only directories that can hold such files are entered,
     * and only the directories on the current path are held. A path that is a file is taken as it is.
     */
    static final class SortedWalk {
        private final Deque<Iterator<Path>> directories = new ArrayDeque<>();
        private final Path root;

        SortedWalk(Path path) {
            this.root = path;
            directories.push(List.of(path).iterator());
        }

        /** @return the next file, or {@code null} when there are none left */
        Path next() {
            while (!directories.isEmpty()) {
                Iterator<Path> entries = directories.peek();
                if (!entries.hasNext()) {
                    directories.pop();
                    continue;
                }
                Path entry = entries.next();
                if (Files.isDirectory(entry)) {
                    directories.push(entries(entry));
                } else if (entry == root || isIndexFile(root.relativize(entry))) {
                    return entry;
                }
            }
            return null;
        }

        private Iterator<Path> entries(Path directory) {
            try (Stream<Path> entries = Files.list(directory)) {
                return entries.filter(entry -> !Files.isDirectory(entry) || mayHoldIndexFiles(root.relativize(entry)))
                        .sorted(Comparator.comparing(entry -> entry.getFileName().toString()))
                        .toList().iterator();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + directory + ": " + e.getMessage(), e);
            }
        }

        /** @return whether a directory at this path (relative to the index) is one of the layout's */
        static boolean mayHoldIndexFiles(Path relative) {
            String first = relative.getName(0).toString();
            String last = relative.getFileName().toString();
            if (last.startsWith(".")) {
                return false;
            }
            return switch (relative.getNameCount()) {
                case 1 -> first.length() == 2 || first.equals("1") || first.equals("2") || first.equals("3");
                case 2 -> first.equals("3") ? last.length() == 1 : first.length() == 2 && last.length() == 2;
                default -> false;
            };
        }

        /** @return whether a file at this path (relative to the index) is where the layout puts its crate's file */
        static boolean isIndexFile(Path relative) {
            int depth = relative.getNameCount();
            String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.startsWith(".")) {
                return false;
            }
            String first = relative.getName(0).toString().toLowerCase(Locale.ROOT);
            if (depth == 2) {
                return first.equals("1") && name.length() == 1 || first.equals("2") && name.length() == 2;
            }
            if (depth == 3) {
                String second = relative.getName(1).toString().toLowerCase(Locale.ROOT);
                if (first.equals("3")) {
                    return name.length() == 3 && second.equals(name.substring(0, 1));
                }
                return name.length() >= 4 && first.equals(name.substring(0, 2)) && second.equals(name.substring(2, 4));
            }
            return false;
        }
    }

    /** Counts the bytes of the line being read, and stops a line longer than {@link #LINE_MAX}. */
    private static final class LineLimit extends FilterInputStream {
        private long sinceNewline;

        LineLimit(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            for (int i = offset; i < offset + read; i++) {
                if (buffer[i] == '\n') {
                    sinceNewline = 0;
                } else if (++sinceNewline > LINE_MAX) {
                    throw new LineTooLong();
                }
            }
            return read;
        }
    }

    private static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** What is wrong with one line; caught to report it with the file and line. */
    private static final class MalformedLine extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedLine(String problem) {
            super(problem);
        }
    }
}
