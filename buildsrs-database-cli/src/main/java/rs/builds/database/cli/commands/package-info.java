/**
 * The CLI's commands, one per class; group commands ({@code migrate}, {@code builder}, {@code target},
 * {@code crate}, {@code job}, {@code queue}) hold their sub-commands. Shared by several: {@code BuilderReference}
 * resolves BUILDER arguments (UUID, fingerprint or key file), {@code KeepGoing} runs commands on a list of items
 * item by item, and {@code JsonViews} names the fields of the JSON output. {@code crate import} has two helpers:
 * {@code IndexReader} (the index as a lazy iterator of versions) and {@code ImportProgress} (its progress on stderr).
 */
package rs.builds.database.cli.commands;
