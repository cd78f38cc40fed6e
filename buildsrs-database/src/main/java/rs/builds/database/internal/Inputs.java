package rs.builds.database.internal;

import java.time.Duration;
import java.util.UUID;
import rs.builds.database.IndexEntry;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Names;
import rs.builds.database.VersionKey;

/**
 * Checks arguments before they reach the database, so bad input fails with a clear message and no effect. The rules
 * of crate names, versions, target names and checksums are {@link Names}'.
 */
final class Inputs {
    /** Longest other name (fingerprint, artifact, search query) in characters: far above any real one, and small
     *  enough for a btree index entry in any encoding. Crate names, versions and target names follow {@link Names}. */
    static final int NAME_MAX = 256;
    /** Longest builder comment in characters. */
    static final int COMMENT_MAX = 4096;

    private Inputs() {
    }

    /**
     * A value as error messages quote it: see {@link Names#quote}.
     *
     * @param value any text, or null
     * @return the quoted value
     */
    static String quote(String value) {
        return Names.quote(value);
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
     * Requires a sync row by {@link Names}' rules.
     *
     * @param row the row
     * @param position its position in the input, from 0, for the message
     * @throws InvalidInputException naming the row and the rule it breaks, if it is null or breaks one
     */
    static void syncRow(IndexEntry row, long position) {
        if (row == null) {
            throw new InvalidInputException("sync row " + position + " is null");
        }
        try {
            Names.crateName(row.crate());
            Names.version(row.version());
            Names.checksum(row.checksum());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("sync row " + position + " (crate " + quote(row.crate())
                    + " version " + quote(row.version()) + "): " + e.getMessage());
        }
    }

    /**
     * Refuses a sync input that lists a version twice, found by the client or the server.
     *
     * @param key the version listed twice
     * @throws InvalidInputException always
     */
    static void syncListedTwice(VersionKey key) {
        throw new InvalidInputException("the input lists crate '" + key.crate() + "' version '" + key.version()
                + "' more than once");
    }

    /**
     * Requires a duration from 0 to {@code max}.
     *
     * @param what what the duration is, for the message, e.g. {@code "the heartbeat window"}
     * @param value the duration
     * @param max the longest allowed, a whole number of days
     * @return the duration, unchanged
     * @throws InvalidInputException if it is null, negative or longer than {@code max}
     */
    static Duration duration(String what, Duration value, Duration max) {
        if (value == null || value.isNegative() || value.compareTo(max) > 0) {
            throw new InvalidInputException(what + " must be from 0 to " + max.toDays() + " days (got " + value + ")");
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
