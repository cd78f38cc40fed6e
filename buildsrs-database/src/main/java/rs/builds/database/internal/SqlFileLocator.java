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

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    @Override
    public String locate(Class<?> sqlObjectType, Method method, ConfigRegistry config) {
        return sql(method.getDeclaringClass(), method.getName());
    }

    /**
     * The SQL of one statement, for the few hot paths that run it through Jdbi's fluent API instead of a DAO
     * method (see {@link JobStore}).
     *
     * @param dao the DAO the file is filed under
     * @param name the statement's name, as a DAO method's would be
     * @return the file's text
     */
    static String sql(Class<?> dao, String name) {
        return CACHE.computeIfAbsent(path(dao, name), SqlFileLocator::load);
    }

    /** @return the resource path holding the SQL of a DAO method */
    static String path(Class<?> dao, String name) {
        return ROOT + dao.getSimpleName() + "/" + name + ".sql";
    }

    private static String load(String path) {
        try (InputStream in = SqlFileLocator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no SQL file " + path.substring(1) + ": expected sql/queries"
                        + path.substring(ROOT.length() - 1));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
