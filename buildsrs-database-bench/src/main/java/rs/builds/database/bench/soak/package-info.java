/**
 * The soak run ({@code --only soak}): the backend's builders, the registry sync, admin commands and faults against
 * one server for minutes, then the invariants of what they did, checked with everything stopped.
 */
package rs.builds.database.bench.soak;
