package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names and texts: rejected before the database when unstorable, stored exactly otherwise. */
@ExtendWith(MetadataExtension.class)
class InputTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "nul\0inside", "\0", "half \uD800 surrogate", "low \uDC00 first"})
    void unstorableNamesAreInvalidInputEverywhere(String bad, Metadata metadata) {
        List<java.util.function.Consumer<WriteHandle>> operations = List.of(
                write -> write.crateAdd(bad),
                write -> write.targetAdd(bad),
                write -> write.crateInfo(bad),
                write -> write.targetInfo(bad),
                write -> write.builderLookup(bad));
        for (var operation : operations) {
            try (WriteHandle write = metadata.write()) {
                InvalidInputException error = assertThrows(InvalidInputException.class, () -> operation.accept(write));
                assertTrue(error.getMessage().contains("empty") || error.getMessage().contains("NUL")
                        || error.getMessage().contains("surrogate") || error.getMessage().contains(" (U+"),
                        error.getMessage());
                assertTrue(error.getMessage().indexOf('\0') < 0, "the message shows NUL escaped");
            }
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(), read.crateList(""));
            assertEquals(List.of(), read.targetList());
        }
    }

    @Test
    void nullNamesAreInvalidInputNotNullPointers(Metadata metadata) {
        try (WriteHandle write = metadata.write()) {
            assertThrows(InvalidInputException.class, () -> write.crateAdd(null));
        }
        try (WriteHandle write = metadata.write()) {
            assertThrows(InvalidInputException.class, () -> write.builderAdd(UUID.randomUUID(), null, ""));
        }
    }

    @Test
    void overlongNamesAndCommentsAreInvalidInput(Metadata metadata, @TempDir Path dir) throws Exception {
        try (WriteHandle write = metadata.write()) {
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> write.crateAdd("x".repeat(65)));
            assertTrue(error.getMessage().startsWith("crate name '" + "x".repeat(40) + "…' (65 characters) is 65"
                    + " characters long; at most 64 are allowed: "), error.getMessage());
        }
        String key = Keys.ed25519(dir).publicKey();
        try (WriteHandle write = metadata.write()) {
            assertThrows(InvalidInputException.class,
                    () -> write.builderAdd(UUID.randomUUID(), key, "c".repeat(1 << 20)));
        }
        metadata.useTransaction(write -> {
            write.crateAdd("x".repeat(64));
            write.targetAdd("x".repeat(64));
            write.crateVersionAdd("x".repeat(64), "1.0.0-" + "x".repeat(144), "e".repeat(64), false);
        });
        try (WriteHandle write = metadata.write()) {
            assertThrows(InvalidInputException.class, () -> write.targetAdd("x".repeat(65)));
        }
        try (WriteHandle write = metadata.write()) {
            assertThrows(InvalidInputException.class, () -> write.crateVersionAdd("x".repeat(64),
                    "1.0.0-" + "x".repeat(145), "e".repeat(64), false));
        }
    }

    /**
     * Seeded, so a failure is reproducible: names over all of Unicode but NUL and lone surrogates (which the rules
     * refuse, but for a few), and names over the characters the rules allow.
     */
    static Stream<String> generatedNames() {
        Random random = new Random(20261128);
        List<String> names = new ArrayList<>(List.of("'; DROP TABLE crates; --", "back\\slash", "quote\"'`",
                " leading and trailing ", "\t\n\r", "Ѕerde", "serde\u200B", "🦀crab", "a".repeat(256), "%", "_", ":name",
                "$1", "?", "#"));
        for (int i = 0; i < 40; i++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(30);
            while (name.length() < length) {
                int codePoint = random.nextInt(4) == 0 ? 1 + random.nextInt(0x7F) : 1 + random.nextInt(0x10FFFF);
                if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF || !Character.isValidCodePoint(codePoint)) {
                    continue;
                }
                name.appendCodePoint(codePoint);
            }
            names.add(name.toString());
        }
        String allowed = "ABCXYZabcxyz0189-_";
        for (int i = 0; i < 40; i++) {
            StringBuilder name = new StringBuilder().append((char) ('a' + random.nextInt(26)));
            int length = random.nextInt(Names.CRATE_NAME_MAX);
            while (name.length() < length) {
                name.append(allowed.charAt(random.nextInt(allowed.length())));
            }
            names.add(name.toString() + i); // unique ignoring case and '-'/'_' too
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("generatedNames")
    void namesRoundTripExactlyOrAreRefused(String name, Metadata metadata) {
        String checksum = HexFormat.of().formatHex(new byte[32]).replace('0', 'e');
        if (!Names.isCrateName(name)) {
            try (WriteHandle write = metadata.write()) {
                assertThrows(InvalidInputException.class, () -> write.crateAdd(name));
            }
            try (WriteHandle write = metadata.write()) {
                assertEquals(Names.isTargetName(name), tryTargetAdd(write, name));
            }
            try (ReadHandle read = metadata.read()) {
                assertEquals(List.of(), read.crateList(""));
            }
            return;
        }
        String version = "1.0.0-" + name.replace('_', '-');
        metadata.useTransaction(write -> {
            write.crateAdd(name);
            write.crateVersionAdd(name, version, checksum, true);
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(name, read.crateInfo(name).name());
            assertEquals(name, read.crateInfo(name.toUpperCase(java.util.Locale.ROOT)).name(), "found in any case");
            assertEquals(new VersionInfo(name, version, checksum, true), read.crateVersionInfo(name, version));
            assertEquals(name, read.crateList(name).get(0).name(), "an exact match ranks first");
        }
    }

    /** @return whether adding the target worked; false if it was refused as invalid */
    private static boolean tryTargetAdd(WriteHandle write, String name) {
        try {
            write.targetAdd(name);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
