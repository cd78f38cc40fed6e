package rs.builds.database.internal;

import rs.builds.database.InvalidInputException;

/** Checks arguments before they reach the database, so bad input fails with a clear message. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Requires a non-empty text that PostgreSQL can store exactly.
     *
     * @param what what the text is, for the message, e.g. {@code "crate name"}
     * @param value the text
     * @return the text, unchanged
     * @throws InvalidInputException if it is null, empty, contains NUL, or is not valid UTF-16
     */
    static String name(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(what + " must not be empty");
        }
        return text(what, value);
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
}
