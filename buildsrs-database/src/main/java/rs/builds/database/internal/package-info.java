/**
 * Implementation of the API: Jdbi SQL Object DAOs (one {@code .sql} file per method under the project's
 * {@code sql/queries/DAO/method.sql}), handle implementations, input checks and error translation.
 * Not exported.
 */
package rs.builds.database.internal;
