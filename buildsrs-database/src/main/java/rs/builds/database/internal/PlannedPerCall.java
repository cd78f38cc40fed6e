package rs.builds.database.internal;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizerFactory;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizingAnnotation;
import org.postgresql.PGStatement;

/**
 * Runs a DAO query as a one-shot statement, planned for its parameter values on every call, never as a
 * server-side prepared statement. For queries whose criteria are optional ({@code :x IS NULL OR col = :x}): after
 * five calls PostgreSQL may switch a prepared statement to a generic plan, which cannot know which criteria are
 * given and so reads every row for a criterion it did not plan for (jobList by builder took seconds at 1M jobs
 * after a run of calls by crate). Planning costs well under a millisecond.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@SqlStatementCustomizingAnnotation(PlannedPerCall.Factory.class)
public @interface PlannedPerCall {
    /** Sets {@code prepareThreshold} 0 on the statement before it runs. Made by Jdbi. */
    final class Factory implements SqlStatementCustomizerFactory {
        /** Made by Jdbi. */
        public Factory() {
        }

        @Override
        public SqlStatementCustomizer createForMethod(Annotation annotation, Class<?> sqlObjectType, Method method) {
            return statement -> statement.addCustomizer(new StatementCustomizer() {
                @Override
                public void beforeExecution(PreparedStatement prepared, StatementContext context) throws SQLException {
                    prepared.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
            });
        }
    }
}
