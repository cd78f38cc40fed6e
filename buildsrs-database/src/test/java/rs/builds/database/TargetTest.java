package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MetadataExtension.class)
@Tag("contract")
class TargetTest {
    private static final String LINUX = "x86_64-unknown-linux-gnu";
    private static final String WASM = "wasm32-unknown-unknown";

    @Test
    void addedTargetsAreDisabledAndListedByName(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.targetAdd(WASM);
            write.targetAdd(LINUX);
            write.targetSetEnabled(LINUX, true);
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(new TargetInfo(WASM, false), new TargetInfo(LINUX, true)), read.targetList());
            assertEquals(new TargetInfo(LINUX, true), read.targetInfo(LINUX));
        }
        metadata.useTransaction(write -> {
            write.targetSetEnabled(LINUX, false);
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(new TargetInfo(LINUX, false), read.targetInfo(LINUX));
        }
    }

    @Test
    void duplicateTargetIsAConflict(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.targetAdd(LINUX);
        });
        try (WriteHandle write = metadata.write()) {
            ConflictException error = assertThrows(ConflictException.class, () -> write.targetAdd(LINUX));
            assertEquals("target '" + LINUX + "' already exists", error.getMessage());
        }
    }

    @Test
    void unknownTargetIsNotFoundEverywhere(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            assertEquals("target 'nope' does not exist",
                    assertThrows(NotFoundException.class, () -> read.targetInfo("nope")).getMessage());
        }
        for (var operation : List.<java.util.function.Consumer<WriteHandle>>of(
                write -> write.targetSetEnabled("nope", true),
                write -> write.targetRemove("nope"),
                write -> write.targetRename("nope", "other"))) {
            try (WriteHandle write = metadata.write()) {
                assertThrows(NotFoundException.class, () -> operation.accept(write));
            }
        }
    }

    @Test
    void renameKeepsBuilderAssignments(Metadata metadata, @TempDir Path dir) throws Exception {
        UUID builder = UUID.randomUUID();
        String key = Keys.ed25519(dir).publicKey();
        metadata.useTransaction(write -> {
            write.targetAdd(LINUX);
            write.builderAdd(builder, key, "");
            write.builderTargetAdd(builder, LINUX);
            write.targetRename(LINUX, "x86_64-linux");
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of("x86_64-linux"), read.builderTargets(builder));
            assertThrows(NotFoundException.class, () -> read.targetInfo(LINUX));
        }
    }

    @Test
    void renameOntoAnExistingNameIsAConflict(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.targetAdd(LINUX);
            write.targetAdd(WASM);
        });
        try (WriteHandle write = metadata.write()) {
            assertThrows(ConflictException.class, () -> write.targetRename(LINUX, WASM));
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(2, read.targetList().size());
        }
    }

    @Test
    void removeTakesBuilderAssignmentsWithIt(Metadata metadata, @TempDir Path dir) throws Exception {
        UUID builder = UUID.randomUUID();
        String key = Keys.ed25519(dir).publicKey();
        metadata.useTransaction(write -> {
            write.targetAdd(LINUX);
            write.targetAdd(WASM);
            write.builderAdd(builder, key, "");
            write.builderTargetAdd(builder, LINUX);
            write.builderTargetAdd(builder, WASM);
            write.targetRemove(LINUX);
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(WASM), read.builderTargets(builder));
            assertEquals(List.of(new TargetInfo(WASM, false)), read.targetList());
        }
    }
}
