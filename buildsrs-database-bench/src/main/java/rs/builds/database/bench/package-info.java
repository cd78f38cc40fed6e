/**
 * Benchmarks, each measured beside its baseline in the same run on the same server, reported as ratios:
 * the machine is shared and noisy, so absolute numbers drift between runs but ratios hold.
 */
package rs.builds.database.bench;
