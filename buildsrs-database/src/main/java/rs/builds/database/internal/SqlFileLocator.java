package rs.builds.database.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.locator.SqlLocator;

/**
 * Finds the SQL of a DAO method in {@code buildsrs-database-sql/DAO/method.sql} inside this module.
 *
 * <p>Jdbi's own classpath locator cannot read resources of an encapsulated package in a named module, and
 * it strips {@code #} lines as comments although PostgreSQL has {@code #} operators; this one reads
 * the file verbatim through this module's class, and caches it.
 */
public final class SqlFileLocator implements SqlLocator {
    static final String ROOT = "/buildsrs-database-sql/";

    private final Map<Method, String> cache = new ConcurrentHashMap<>();

    @Override
    public String locate(Class<?> sqlObjectType, Method method, ConfigRegistry config) {
        return cache.computeIfAbsent(method, SqlFileLocator::load);
    }

    /** @return the resource path holding the SQL of a DAO method */
    static String path(Method method) {
        return ROOT + method.getDeclaringClass().getSimpleName() + "/" + method.getName() + ".sql";
    }

    private static String load(Method method) {
        String path = path(method);
        try (InputStream in = SqlFileLocator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no SQL file for " + method.getDeclaringClass().getSimpleName() + "#"
                        + method.getName() + ": expected sql/queries" + path.substring(ROOT.length() - 1));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
