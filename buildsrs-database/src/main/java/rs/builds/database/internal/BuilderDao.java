package rs.builds.database.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.Builder;

/** Builders, their public keys and fingerprints, and their targets. SQL in {@code sql/queries/BuilderDao/}. */
@RegisterRowMapper(BuilderMapper.class)
public interface BuilderDao {
    /** @return the new key's id, or empty if the key is stored already */
    @SqlQuery
    Optional<Long> pubkeyAdd(String encoded);

    @SqlUpdate
    void fingerprintsAdd(long pubkey, String sha256, String sha512);

    /** @return the builder holding a stored key */
    @SqlQuery
    Optional<UUID> builderByPubkey(String encoded);

    /** @return 1 if added, 0 if the uuid is taken */
    @SqlUpdate
    int builderAdd(UUID uuid, long pubkey, String comment);

    @SqlQuery
    Optional<Long> builderId(UUID uuid);

    @SqlQuery
    Optional<UUID> builderLookup(String fingerprint);

    @SqlQuery
    Optional<Builder> builderGet(UUID uuid);

    @SqlQuery
    List<Builder> builderList();

    @SqlQuery
    List<String> builderTargets(long builder);

    @SqlUpdate
    int builderSetEnabled(UUID uuid, boolean enabled);

    @SqlUpdate
    int builderSetComment(UUID uuid, String comment);

    @SqlUpdate
    void builderTargetAdd(long builder, long target);

    @SqlUpdate
    void builderTargetRemove(long builder, long target);

    @SqlQuery
    boolean builderHasJobs(long builder);

    /** @return the removed builder's key id */
    @SqlQuery
    Optional<Long> builderRemove(long builder);

    @SqlUpdate
    void pubkeyRemove(long pubkey);
}
