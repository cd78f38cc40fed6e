package rs.builds.database.temp;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * JUnit 5 extension that gives each test method parameter of type {@link TempDatabase} a new, migrated
 * database. After the test the database is dropped if the test passed, and kept (with a psql line on
 * standard error) if it failed.
 *
 * <pre>{@code
 * @ExtendWith(TempDatabaseExtension.class)
 * class CrateTest {
 *     @Test
 *     void adds(TempDatabase database) { ... }
 * }
 * }</pre>
 */
public final class TempDatabaseExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TempDatabaseExtension.class);

    /** Creates the extension; JUnit calls this. */
    public TempDatabaseExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        // per test: a database given to a static @BeforeAll (or a constructor) would be dropped after the first test
        return parameter.getParameter().getType() == TempDatabase.class
                && parameter.getDeclaringExecutable() instanceof Method method
                && !Modifier.isStatic(method.getModifiers())
                && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TempDatabase database = TempDatabase.create();
        databases(context).add(database);
        return database;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // a test skipped by an assumption did not fail: nothing to look at
        boolean failed = context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent();
        RuntimeException closing = null;
        for (TempDatabase database : databases(context)) {
            if (failed) {
                database.keep();
            }
            try {
                database.close();
            } catch (RuntimeException e) {
                // close the others all the same
                if (closing == null) {
                    closing = e;
                } else {
                    closing.addSuppressed(e);
                }
            }
        }
        if (closing != null) {
            throw closing;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<TempDatabase> databases(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("databases", key -> new ArrayList<TempDatabase>(),
                List.class);
    }
}
