/**
 * Database connection options: {@link rs.builds.database.options.DatabaseOptions} (args4j fields with
 * environment fallbacks) and {@link rs.builds.database.options.PostgresUrl} (URL parsing without leaking
 * passwords).
 */
package rs.builds.database.options;
