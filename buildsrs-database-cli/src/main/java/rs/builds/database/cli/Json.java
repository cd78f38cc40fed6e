package rs.builds.database.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code --json} output of list and show commands: one indented JSON document on stdout. Documents are built
 * as explicit trees, so their field names are written down in one place and nothing is serialized reflectively.
 */
public final class Json {
    /** Usage text of every command's {@code --json} option. */
    public static final String OPTION_USAGE = "print one JSON document instead of a table";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));
    // a failure half way through a streamed document must leave it unfinished, not closed into valid JSON
    private static final ObjectWriter STREAMING_WRITER = WRITER.without(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);

    private Json() {
    }

    /** @return a new, empty JSON object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @return a new, empty JSON array */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Prints a document and a line break.
     *
     * @param out where to print
     * @param document the document
     */
    public static void print(PrintStream out, JsonNode document) {
        try {
            out.println(WRITER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serializes; this would be a bug
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints a document whose last field is an array too long to build as a tree, such as a job's log: the fields
     * of {@code head}, then the array's items as {@code items} hands them to its sink, each written as it comes. The
     * format is that of {@link #print(PrintStream, JsonNode)}. If {@code items} throws, the document is left
     * unfinished (so it cannot be mistaken for a complete one) and the exception propagates.
     *
     * @param out where to print
     * @param head the fields before the array
     * @param field the array's field name
     * @param items called once with a sink that writes one array item per call
     */
    public static void print(PrintStream out, ObjectNode head, String field, Consumer<Consumer<JsonNode>> items) {
        try {
            JsonGenerator generator = STREAMING_WRITER.createGenerator(new PrintStreamWriter(out));
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> entry : head.properties()) {
                generator.writeFieldName(entry.getKey());
                generator.writeTree(entry.getValue());
            }
            generator.writeArrayFieldStart(field);
            writeItems(generator, items);
            generator.writeEndArray();
            generator.writeEndObject();
            generator.close();
            out.println();
        } catch (IOException e) {
            // a PrintStream never throws, so neither does the generator writing to it; this would be a bug
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints an array too long to build as a tree, such as every crate: the items as {@code items} hands them to its
     * sink, each written as it comes, in the format of {@link #print(PrintStream, JsonNode)}. If {@code items} throws,
     * the array is left unfinished and the exception propagates.
     *
     * @param out where to print
     * @param items called once with a sink that writes one array item per call
     */
    public static void printArray(PrintStream out, Consumer<Consumer<JsonNode>> items) {
        try {
            JsonGenerator generator = STREAMING_WRITER.createGenerator(new PrintStreamWriter(out));
            generator.writeStartArray();
            writeItems(generator, items);
            generator.writeEndArray();
            generator.close();
            out.println();
        } catch (IOException e) {
            // a PrintStream never throws, so neither does the generator writing to it; this would be a bug
            throw new UncheckedIOException(e);
        }
    }

    /** Characters to a PrintStream, in its own charset, as {@link #print(PrintStream, JsonNode)} writes them. */
    private static final class PrintStreamWriter extends Writer {
        private final PrintStream out;

        PrintStreamWriter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            out.append(CharBuffer.wrap(chars, offset, length));
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            // the stream is the caller's: only flush
            out.flush();
        }
    }

    /** Streams each item the producer gives as one array element. */
    private static void writeItems(JsonGenerator generator, Consumer<Consumer<JsonNode>> items) {
        items.accept(item -> {
            try {
                generator.writeTree(item);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
