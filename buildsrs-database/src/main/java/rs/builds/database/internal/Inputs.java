package rs.builds.database.internal;

import java.util.UUID;
import rs.builds.database.InvalidInputException;

/** Checks arguments before they reach the database, so bad input fails with a clear message and no effect. */
final class Inputs {
    /** Longest name (crate, version, target, fingerprint) in characters: far above any real one, and small
     *  enough for a btree index entry in any encoding. */
    static final int NAME_MAX = 256;
    /** Longest builder comment in characters. */
    static final int COMMENT_MAX = 4096;

    private Inputs() {
    }

    /**
     * A value as error messages quote it: whole if short, else its start and its length, so a megabyte of input
     * never becomes a megabyte of message.
     *
     * @param value any text, or null
     * @return the quoted value
     */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= 64) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, 40) + "…' (" + value.length() + " characters)";
    }

    /**
     * Requires a non-empty name of at most {@value #NAME_MAX} characters that PostgreSQL can store exactly.
     *
     * @param what what the text is, for the message, e.g. {@code "crate name"}
     * @param value the text
     * @return the text, unchanged
     * @throws InvalidInputException if it is null, empty, too long, contains NUL, or is not valid UTF-16
     */
    static String name(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(what + " must not be empty");
        }
        if (value.length() > NAME_MAX) {
            throw new InvalidInputException(what + " is " + value.length() + " characters long; at most " + NAME_MAX
                    + " are allowed");
        }
        return text(what, value);
    }

    /**
     * Requires a builder comment: possibly empty, at most {@value #COMMENT_MAX} characters.
     *
     * @throws InvalidInputException if it is null, too long, contains NUL, or is not valid UTF-16
     */
    static String comment(String value) {
        if (value != null && value.length() > COMMENT_MAX) {
            throw new InvalidInputException("comment is " + value.length() + " characters long; at most "
                    + COMMENT_MAX + " are allowed");
        }
        return text("comment", value);
    }

    /**
     * Requires a SHA-256 checksum as crates.io writes it.
     *
     * @throws InvalidInputException if it is not 64 lowercase hex digits
     */
    static String checksum(String value) {
        if (!isChecksum(value)) {
            throw new InvalidInputException("checksum must be 64 lowercase hex digits (a SHA-256), got " + quote(value));
        }
        return value;
    }

    /** 0 for the characters of a checksum ('0' to '9', 'a' to 'f'), 1 for every other ASCII character. */
    private static final byte[] NOT_HEX = new byte[128];

    static {
        java.util.Arrays.fill(NOT_HEX, (byte) 1);
        for (char c = '0'; c <= '9'; c++) {
            NOT_HEX[c] = 0;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            NOT_HEX[c] = 0;
        }
    }

    /**
     * A table lookup per character and no branch: a sync checks millions of checksums, and a regular expression, or
     * a test that branches on digit or letter (which the processor cannot predict), costs ten times more (300 ns).
     */
    private static boolean isChecksum(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        int invalid = 0;
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            invalid |= NOT_HEX[c & 0x7f] | c >>> 7;
        }
        return invalid == 0;
    }

    /** @throws InvalidInputException if the uuid is null */
    static UUID uuid(UUID value) {
        if (value == null) {
            throw new InvalidInputException("builder uuid must not be null");
        }
        return value;
    }

    /**
     * Requires a text (possibly empty) that PostgreSQL can store exactly.
     *
     * @throws InvalidInputException if it is null, contains NUL, or is not valid UTF-16
     */
    static String text(String what, String value) {
        if (value == null) {
            throw new InvalidInputException(what + " must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidInputException(what + " must not contain a NUL character (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // PostgreSQL stores UTF-8, which has no encoding for half a surrogate pair
                throw new InvalidInputException(what + " is not valid Unicode: unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    /**
     * @throws InvalidInputException if the limit is not between 1 and {@code max}
     */
    static int limit(int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidInputException("limit must be between 1 and " + max + " (got " + value + ")");
        }
        return value;
    }
}
