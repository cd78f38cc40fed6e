package rs.builds.database;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import rs.builds.database.temp.TempDatabase;

/**
 * Gives test methods a {@link Metadata} connected (with a small pool) to a new temp database, and a
 * {@link TempDatabase} parameter for the same database when a test also asks for one. The database is dropped
 * after a passing test and kept after a failing one.
 */
public final class MetadataExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MetadataExtension.class);

    private record Opened(TempDatabase database, Metadata metadata) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Metadata.class || type == TempDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Opened opened = opened(context);
        return parameter.getParameter().getType() == Metadata.class ? opened.metadata() : opened.database();
    }

    /** @return a metadata connected to the given temp database with a pool of its own */
    public static Metadata connect(TempDatabase database, int connections) {
        return Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(connections));
    }

    @SuppressWarnings("unchecked")
    private static List<Opened> all(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("opened", key -> new ArrayList<Opened>(), List.class);
    }

    private static Opened opened(ExtensionContext context) {
        List<Opened> all = all(context);
        if (all.isEmpty()) {
            TempDatabase database = TempDatabase.create();
            all.add(new Opened(database, connect(database, 8)));
        }
        return all.get(0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Opened opened : all(context)) {
            int leaked = opened.metadata().openHandles();
            opened.metadata().close();
            if (context.getExecutionException().isPresent()) {
                opened.database().keep();
            }
            opened.database().close();
            if (leaked != 0 && context.getExecutionException().isEmpty()) {
                throw new AssertionError(leaked + " handle(s) or listener(s) were left open by the test: each holds"
                        + " a pooled connection until closed (use try-with-resources)");
            }
        }
    }
}
