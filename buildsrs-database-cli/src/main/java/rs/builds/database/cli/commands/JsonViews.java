package rs.builds.database.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import rs.builds.database.Builder;
import rs.builds.database.CrateInfo;
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
        return Json.object().put("name", crate.name()).put("enabled", crate.enabled());
    }

    static ObjectNode version(VersionInfo version) {
        return Json.object()
                .put("crate", version.crate())
                .put("version", version.version())
                .put("checksum", version.checksum())
                .put("yanked", version.yanked());
    }

    /** @return a JSON array of the items, each made by {@code view} */
    static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> view) {
        ArrayNode array = Json.array();
        items.forEach(item -> array.add(view.apply(item)));
        return array;
    }
}
