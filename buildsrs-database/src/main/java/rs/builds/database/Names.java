package rs.builds.database;

import java.util.Locale;

/**
 * The rules of crate names, versions, target names and checksums: the one place that says what the API, the registry
 * sync, the CLI and the schema accept. Every write and every lookup of the API checks its names here, the CLI checks
 * command arguments and index lines here before it connects, and {@code V10__names.sql} puts the same rules in CHECK
 * constraints, with the regular expressions below character for character (a test evaluates both on a table of good
 * and bad inputs), so a write through psql obeys them too.
 *
 * <ul>
 *   <li><b>Crate names</b>, as crates.io has them: ASCII letters, digits, {@code -} and {@code _}, starting with a
 *       letter ({@link #CRATE_NAME_REGEX}), at most {@value #CRATE_NAME_MAX} characters. Unique ignoring case and
 *       {@code -}/{@code _} ({@link #canonicalCrateName}): lookups find {@code Inflector} as {@code inflector}.</li>
 *   <li><b>Versions</b>: SemVer 2.0 ({@code MAJOR.MINOR.PATCH}, numbers without leading zeros, optionally
 *       {@code -PRE.RELEASE} and {@code +BUILD.METADATA} of dot-separated identifiers of ASCII letters, digits and
 *       {@code -}), at most {@value #VERSION_MAX} characters ({@link #VERSION_REGEX}). One deviation, for crates.io:
 *       a numeric pre-release identifier may have leading zeros, as four versions published before Cargo's SemVer
 *       1.0 parser have ({@code volatile 0.4.0-alpha.00} and {@code 0.4.0-alpha.01}, {@code bluetooth_client
 *       0.0.1-001}, {@code hxgm30-client 0.3.0-alpha.01}). Versions are compared as strings: {@code 1.0.0+a} and
 *       {@code 1.0.0+b} are two versions.</li>
 *   <li><b>Target names</b>: target triples such as {@code x86_64-unknown-linux-gnu} or
 *       {@code thumbv8m.main-none-eabi}: lowercase ASCII letters, digits, {@code _}, {@code -} and {@code .},
 *       starting with a letter or digit, at most {@value #TARGET_NAME_MAX} characters
 *       ({@link #TARGET_NAME_REGEX}).</li>
 *   <li><b>Checksums</b>: a SHA-256 as crates.io writes it, 64 lowercase hex digits ({@link #CHECKSUM_REGEX}).</li>
 * </ul>
 *
 * <p>The checks run per row in a registry sync, so they are hand-written scans, a table lookup per character: on a
 * version, 20 to 60 ns against 600 to 1,100 ns for the regular expression in Java (one run, loaded machine). The
 * tests prove them equal to the expressions. A message
 * quotes the value with control and invisible characters escaped (a newline as {@code \n}, a zero-width space as
 * U+200B in {@code \}{@code u} form) and a long one cut.
 */
public final class Names {
    /** Longest crate name, in characters: crates.io's limit. */
    public static final int CRATE_NAME_MAX = 64;
    /** Longest version, in characters: crates.io's limit (its longest published version had 147 in 2026). */
    public static final int VERSION_MAX = 150;
    /** Longest target name, in characters: twice the longest target triple rustc knows. */
    public static final int TARGET_NAME_MAX = 64;

    /** A crate name (its length is checked apart, against {@link #CRATE_NAME_MAX}): the CHECK of {@code crates.name}.
     *  Not a bounded repetition: PostgreSQL's regular expressions evaluate {@code {0,63}} about six times slower. */
    public static final String CRATE_NAME_REGEX = "^[A-Za-z][0-9A-Za-z_-]*$";
    /** A version (its length is checked apart, against {@link #VERSION_MAX}): the CHECK of
     *  {@code crate_versions.version}. */
    public static final String VERSION_REGEX = "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
            + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$";
    /** A target name: the CHECK of {@code targets.name}. */
    public static final String TARGET_NAME_REGEX = "^[a-z0-9][a-z0-9_.-]{0,63}$";
    /** A checksum. */
    public static final String CHECKSUM_REGEX = "^[0-9a-f]{64}$";

    private static final String CRATE_NAME_RULE = "a crate name has only ASCII letters, digits, '-' and '_', starts"
            + " with a letter and has at most " + CRATE_NAME_MAX + " characters (crates.io's rule)";
    private static final String VERSION_RULE = "a version is a SemVer 2.0 version: MAJOR.MINOR.PATCH of numbers"
            + " without leading zeros, then optionally -PRE-RELEASE and +BUILD, each dot-separated identifiers of ASCII"
            + " letters, digits and '-' (e.g. 1.0.0, 0.8.0-rc1, 0.1.11+1.0.8), at most " + VERSION_MAX + " characters";
    private static final String TARGET_NAME_RULE = "a target name is a target triple such as x86_64-unknown-linux-gnu:"
            + " lowercase ASCII letters, digits, '_', '-' and '.', starting with a letter or digit, at most "
            + TARGET_NAME_MAX + " characters";

    /** Character classes of ASCII, a bit each: which characters each rule allows where. */
    private static final byte LETTER = 1;
    private static final byte CRATE = 2;
    private static final byte IDENTIFIER = 4;
    private static final byte TARGET = 8;
    private static final byte TARGET_START = 16;
    private static final byte HEX = 32;
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASSES[c] = LETTER | CRATE | IDENTIFIER | TARGET | TARGET_START;
            CLASSES[Character.toUpperCase(c)] = LETTER | CRATE | IDENTIFIER;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASSES[c] = CRATE | IDENTIFIER | TARGET | TARGET_START | HEX;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            CLASSES[c] |= HEX;
        }
        CLASSES['-'] = CRATE | IDENTIFIER | TARGET;
        CLASSES['_'] = CRATE | TARGET;
        CLASSES['.'] = TARGET;
    }

    private Names() {
    }

    /**
     * Checks a crate name.
     *
     * @param name the name
     * @return the name, unchanged
     * @throws InvalidInputException saying which rule it breaks, if it is not a crate name
     */
    public static String crateName(String name) {
        if (!isCrateName(name)) {
            throw invalid("crate name", name, CRATE_NAME_MAX, CRATE_NAME_RULE);
        }
        return name;
    }

    /**
     * Checks a version.
     *
     * @param version the version
     * @return the version, unchanged
     * @throws InvalidInputException saying which rule it breaks, if it is not a version
     */
    public static String version(String version) {
        int wrong = versionError(version);
        if (wrong >= 0) {
            if (version == null || version.isEmpty() || version.length() > VERSION_MAX) {
                throw invalid("version", version, VERSION_MAX, VERSION_RULE);
            }
            throw new InvalidInputException("version " + quote(version) + " is not valid at "
                    + (wrong == version.length() ? "its end" : "index " + wrong + " (" + describe(version, wrong) + ")")
                    + ": " + VERSION_RULE);
        }
        return version;
    }

    /**
     * Checks a target name.
     *
     * @param name the name
     * @return the name, unchanged
     * @throws InvalidInputException saying which rule it breaks, if it is not a target name
     */
    public static String targetName(String name) {
        if (!isTargetName(name)) {
            throw invalid("target name", name, TARGET_NAME_MAX, TARGET_NAME_RULE);
        }
        return name;
    }

    /**
     * Checks a checksum.
     *
     * @param checksum the checksum
     * @return the checksum, unchanged
     * @throws InvalidInputException if it is not 64 lowercase hex digits
     */
    public static String checksum(String checksum) {
        if (!isChecksum(checksum)) {
            throw new InvalidInputException("checksum must be 64 lowercase hex digits (a SHA-256), got "
                    + quote(checksum));
        }
        return checksum;
    }

    /**
     * Tells whether a name is a crate name ({@link #CRATE_NAME_REGEX}), without an error.
     *
     * @param name the name to check
     * @return whether {@code name} is a crate name; false for null
     */
    public static boolean isCrateName(String name) {
        if (name == null || name.isEmpty() || name.length() > CRATE_NAME_MAX || !is(name.charAt(0), LETTER)) {
            return false;
        }
        return all(name, 1, CRATE);
    }

    /**
     * Tells whether a version is one ({@link #VERSION_REGEX}, at most {@link #VERSION_MAX} characters), without an
     * error.
     *
     * @param version the version to check
     * @return whether {@code version} is a version; false for null
     */
    public static boolean isVersion(String version) {
        return versionError(version) < 0;
    }

    /**
     * Tells whether a name is a target name ({@link #TARGET_NAME_REGEX}), without an error.
     *
     * @param name the name to check
     * @return whether {@code name} is a target name; false for null
     */
    public static boolean isTargetName(String name) {
        if (name == null || name.isEmpty() || name.length() > TARGET_NAME_MAX || !is(name.charAt(0), TARGET_START)) {
            return false;
        }
        return all(name, 1, TARGET);
    }

    /**
     * Tells whether a checksum is 64 lowercase hex digits (a SHA-256), without an error.
     *
     * @param checksum the checksum to check
     * @return whether it is; false for null
     */
    public static boolean isChecksum(String checksum) {
        return checksum != null && checksum.length() == 64 && all(checksum, 0, HEX);
    }

    /**
     * The name that makes two crate names the same one, as on crates.io: lower case, {@code -} as {@code _}
     * ({@code Serde_JSON} and {@code serde-json} are both {@code serde_json}). The schema's
     * {@code crate_name_canonical(text)} computes the same, and its unique index on it keeps names apart.
     *
     * @param name a crate name
     * @return its canonical form
     * @throws InvalidInputException if it is not a crate name
     */
    public static String canonicalCrateName(String name) {
        return crateName(name).toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * A value as messages show it: in single quotes, control, format and separator characters escaped
     * ({@code \n}, {@code \t}, {@code \r}, {@code \\}, else {@code \}{@code uXXXX}, also for a lone surrogate), so a
     * message never breaks a line or hides a character; a long value is cut to its first 40 characters and its
     * length.
     *
     * @param value any text, or null
     * @return the quoted value, or {@code null} for null
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        boolean cut = value.length() > 64;
        String shown = cut ? value.substring(0, 40) : value;
        StringBuilder quoted = new StringBuilder(shown.length() + 8).append('\'');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (hidden(shown, i)) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        if (cut) {
            return quoted.append("…' (").append(value.length()).append(" characters)").toString();
        }
        return quoted.append('\'').toString();
    }

    /** Whether the character at {@code i} would not show as itself: control, format, separator, lone surrogate. */
    private static boolean hidden(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR && c != ' '
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }

    private static boolean is(char c, byte wanted) {
        return c < 128 && (CLASSES[c] & wanted) != 0;
    }

    /** A table lookup per character: a sync checks millions of values (a regular expression costs 20 times more). */
    private static boolean all(String text, int from, byte wanted) {
        int missing = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            // no branch (the processor cannot predict them): wanted is one bit, and non-ASCII sets bits of its own
            missing |= wanted & ~CLASSES[c & 0x7f] | c >>> 7;
        }
        return missing == 0;
    }

    /**
     * Scans a version as {@link #VERSION_REGEX} would match it.
     *
     * @return -1 for a version; else the index where it stops being one (its length if it ends too early; 0 for
     *         null, empty or too long)
     */
    private static int versionError(String version) {
        if (version == null || version.isEmpty() || version.length() > VERSION_MAX) {
            return 0;
        }
        int i = number(version, 0);
        for (int part = 1; part < 3; part++) {
            if (i < 0) {
                return -i - 1;
            }
            if (i >= version.length() || version.charAt(i) != '.') {
                return i;
            }
            i = number(version, i + 1);
        }
        if (i < 0) {
            return -i - 1;
        }
        if (i < version.length() && version.charAt(i) == '-') {
            i = identifiers(version, i + 1);
            if (i < 0) {
                return -i - 1;
            }
        }
        if (i < version.length() && version.charAt(i) == '+') {
            i = identifiers(version, i + 1);
            if (i < 0) {
                return -i - 1;
            }
        }
        return i == version.length() ? -1 : i;
    }

    /** @return the index after a number ({@code 0} or no leading zero) starting at {@code i}, else -(i + 1) */
    private static int number(String text, int i) {
        if (i >= text.length() || !isDigit(text.charAt(i))) {
            return -(i + 1);
        }
        if (text.charAt(i) == '0') {
            return i + 1; // a following digit is then where the version goes wrong
        }
        do {
            i++;
        } while (i < text.length() && isDigit(text.charAt(i)));
        return i;
    }

    /** @return the index after dot-separated, non-empty identifiers starting at {@code i}, else -(where it failed + 1) */
    private static int identifiers(String text, int i) {
        while (true) {
            int start = i;
            while (i < text.length() && is(text.charAt(i), IDENTIFIER)) {
                i++;
            }
            if (i == start) {
                return -(i + 1);
            }
            if (i >= text.length() || text.charAt(i) != '.') {
                return i;
            }
            i++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static InvalidInputException invalid(String what, String value, int max, String rule) {
        if (value == null || value.isEmpty()) {
            return new InvalidInputException(what + " must not be " + (value == null ? "null" : "empty") + ": "
                    + rule);
        }
        if (value.length() > max) {
            return new InvalidInputException(what + " " + quote(value) + " is " + value.length()
                    + " characters long; at most " + max + " are allowed: " + rule);
        }
        int wrong = 0;
        while (wrong < value.length() && (wrong == 0 ? firstAllowed(what, value.charAt(0))
                : restAllowed(what, value.charAt(wrong)))) {
            wrong++;
        }
        return new InvalidInputException(what + " " + quote(value) + " has " + describe(value, wrong)
                + (wrong == 0 ? " first" : " at index " + wrong) + ": " + rule);
    }

    private static boolean firstAllowed(String what, char c) {
        return what.startsWith("crate") ? is(c, LETTER) : is(c, TARGET_START);
    }

    private static boolean restAllowed(String what, char c) {
        return what.startsWith("crate") ? is(c, CRATE) : is(c, TARGET);
    }

    /** @return the character at {@code i} as a message names it, e.g. {@code ' ' (U+0020)} */
    private static String describe(String value, int i) {
        if (i >= value.length()) {
            return "nothing";
        }
        int codePoint = value.codePointAt(i);
        String shown = quote(new String(Character.toChars(codePoint)));
        return shown + String.format(" (U+%04X)", codePoint);
    }
}
