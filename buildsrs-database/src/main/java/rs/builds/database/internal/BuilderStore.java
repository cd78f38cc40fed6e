package rs.builds.database.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import rs.builds.database.Builder;
import rs.builds.database.ConflictException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.NotFoundException;

/** Builder operations, with their keys, fingerprints and targets: input checks and rules, over the DAO. */
final class BuilderStore {
    private final BuilderDao builders;
    private final TargetStore targets;

    BuilderStore(Handle handle, TargetStore targets) {
        this.builders = handle.attach(BuilderDao.class);
        this.targets = targets;
    }

    UUID lookup(String fingerprint) {
        return builders.builderLookup(Inputs.name("fingerprint", fingerprint))
                .orElseThrow(() -> new NotFoundException("builder with key fingerprint", fingerprint));
    }

    UUID lookupByKey(String publicKey) {
        SshPublicKey key = parse(publicKey);
        return builders.builderByPubkey(key.canonical())
                .orElseThrow(() -> new NotFoundException("builder with key fingerprint", key.fingerprintSha256()));
    }

    Builder get(UUID uuid) {
        return builders.builderGet(Inputs.uuid(uuid)).orElseThrow(() -> notFound(uuid));
    }

    List<Builder> list() {
        return builders.builderList();
    }

    List<String> targets(UUID uuid) {
        return builders.builderTargets(id(uuid));
    }

    void add(UUID uuid, String publicKey, String comment) {
        Inputs.uuid(uuid);
        Inputs.comment(comment);
        SshPublicKey key = parse(publicKey);
        Optional<Long> pubkey = builders.pubkeyAdd(key.canonical());
        if (pubkey.isEmpty()) {
            throw new ConflictException(ConflictException.Reason.EXISTS, "builder key", key.fingerprintSha256(),
                    "this public key already belongs to builder "
                    + builders.builderByPubkey(key.canonical()).map(UUID::toString).orElse("(being removed)")
                    + "; each builder needs its own key", null);
        }
        builders.fingerprintsAdd(pubkey.get(), key.fingerprintSha256(), key.fingerprintSha512());
        if (builders.builderAdd(uuid, pubkey.get(), comment) == 0) {
            throw new ConflictException(ConflictException.Reason.EXISTS, "builder", uuid.toString(), "builder " + uuid
                    + " already exists", null);
        }
    }

    void setEnabled(UUID uuid, boolean enabled) {
        if (builders.builderSetEnabled(Inputs.uuid(uuid), enabled) == 0) {
            throw notFound(uuid);
        }
    }

    void setComment(UUID uuid, String comment) {
        Inputs.comment(comment);
        if (builders.builderSetComment(Inputs.uuid(uuid), comment) == 0) {
            throw notFound(uuid);
        }
    }

    void targetAdd(UUID uuid, String target) {
        builders.builderTargetAdd(id(uuid), targets.id(target));
    }

    void targetRemove(UUID uuid, String target) {
        builders.builderTargetRemove(id(uuid), targets.id(target));
    }

    void remove(UUID uuid) {
        long builder = id(uuid);
        if (builders.builderHasJobs(builder)) {
            throw new ConflictException(ConflictException.Reason.HAS_JOBS, "builder", uuid.toString(),
                    "builder " + uuid + " has jobs, whose history must stay; disable it instead", null);
        }
        builders.builderRemove(builder).ifPresent(builders::pubkeyRemove);
    }

    private static SshPublicKey parse(String publicKey) {
        try {
            return SshPublicKey.parse(publicKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private long id(UUID uuid) {
        return builders.builderId(Inputs.uuid(uuid)).orElseThrow(() -> notFound(uuid));
    }

    private static NotFoundException notFound(UUID uuid) {
        return new NotFoundException("builder", uuid.toString());
    }
}
