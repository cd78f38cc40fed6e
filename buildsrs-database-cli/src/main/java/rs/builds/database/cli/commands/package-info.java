/** The CLI's commands, one per class; group commands ({@code migrate}, {@code crate}, ...) hold their sub-commands. */
package rs.builds.database.cli.commands;
