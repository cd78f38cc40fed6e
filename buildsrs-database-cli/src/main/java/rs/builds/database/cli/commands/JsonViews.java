package rs.builds.database.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import rs.builds.database.ArtifactInfo;
import rs.builds.database.Builder;
import rs.builds.database.CrateInfo;
import rs.builds.database.JobInfo;
import rs.builds.database.JobLogLine;
import rs.builds.database.QueueSettings;
import rs.builds.database.QueueStats;
import rs.builds.database.TargetQueueStats;
import rs.builds.database.TargetInfo;
import rs.builds.database.VersionInfo;
import rs.builds.database.cli.Json;

/**
 * The JSON form of each record the CLI prints, field by field: these names are an interface scripts rely on,
 * so they are written here rather than derived from the records' component names.
 */
final class JsonViews {
    private JsonViews() {
    }

    static ObjectNode builder(Builder builder) {
        ObjectNode node = Json.object()
                .put("uuid", builder.uuid().toString())
                .put("fingerprint", BuilderShowCommand.fingerprint(builder.publicKey()))
                .put("publicKey", builder.publicKey())
                .put("comment", builder.comment())
                .put("enabled", builder.enabled())
                .put("heartbeat", builder.heartbeat() == null ? null : builder.heartbeat().toString());
        ArrayNode targets = node.putArray("targets");
        builder.targets().forEach(targets::add);
        return node;
    }

    static ObjectNode target(TargetInfo target) {
        return Json.object().put("name", target.name()).put("enabled", target.enabled());
    }

    static ObjectNode crate(CrateInfo crate) {
        return Json.object()
                .put("name", crate.name())
                .put("enabled", crate.enabled())
                .put("priority", crate.priority());
    }

    static ObjectNode version(VersionInfo version) {
        return Json.object()
                .put("crate", version.crate())
                .put("version", version.version())
                .put("checksum", version.checksum())
                .put("yanked", version.yanked());
    }

    static ObjectNode job(JobInfo job) {
        return Json.object()
                .put("uuid", job.uuid().toString())
                .put("builder", job.builder().toString())
                .put("target", job.target())
                .put("crate", job.crate())
                .put("version", job.version())
                .put("stage", job.stage().label())
                .put("started", time(job.started()))
                .put("timeout", time(job.timeout()))
                .put("ended", time(job.ended()))
                .put("success", job.success());
    }

    static ObjectNode artifact(ArtifactInfo artifact) {
        return Json.object()
                .put("name", artifact.name())
                .put("size", artifact.size())
                .put("hash", artifact.hash())
                .put("downloads", artifact.downloads());
    }

    static ObjectNode logLine(JobLogLine line) {
        return Json.object().put("stage", line.stage().label()).put("line", line.line());
    }

    static ObjectNode queueSettings(QueueSettings settings) {
        return Json.object()
                .put("locked", settings.locked())
                .put("maxAttempts", settings.maxAttempts())
                .put("lease", duration(settings.lease()))
                .put("retryBackoff", duration(settings.retryBackoff()));
    }

    static ObjectNode queueStats(QueueStats stats) {
        ObjectNode node = Json.object().put("locked", stats.locked());
        node.set("targets", array(stats.targets(), JsonViews::targetQueue));
        node.putObject("totals")
                .put("queued", stats.queued())
                .put("running", stats.running())
                .put("succeeded", QueueStatsCommand.succeeded(stats))
                .put("failed", stats.failed());
        return node;
    }

    static ObjectNode targetQueue(TargetQueueStats target) {
        return Json.object()
                .put("name", target.target())
                .put("enabled", target.enabled())
                .put("queued", target.queued())
                .put("running", target.running())
                .put("succeeded", target.succeeded())
                .put("failed", target.failed());
    }

    /** @return an instant as ISO-8601 text, e.g. {@code 2025-01-31T12:00:00.123456Z}, or {@code null} */
    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** @return a duration as ISO-8601 text, e.g. {@code PT15M} */
    static String duration(Duration duration) {
        return duration.toString();
    }

    /** @return a JSON array of the items, each made by {@code view} */
    static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> view) {
        ArrayNode array = Json.array();
        items.forEach(item -> array.add(view.apply(item)));
        return array;
    }
}
