package rs.builds.database.bench.soak;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An admin at the command line every few seconds: a target switched off and on again, crate priorities, requeued
 * pairs, the queue locked for a few seconds, the status page. Counts each command by its exit code's meaning.
 */
final class SoakAdmin extends SoakActor {
    private static final Map<Integer, String> EXITS = Map.of(-1, "timed out", 1, "exit 1 (failure)", 2,
            "exit 2 (usage)", 3, "exit 3 (not found)", 4, "exit 4 (conflict)", 5, "exit 5 (database unreachable)", 6,
            "exit 6 (permission denied)", 7, "exit 7 (schema)");

    private final SoakCli cli;
    private final SoakRegistry registry;
    private final List<String> targets;
    private final String toggledTarget;
    private boolean toggledEnabled = true;
    private int round;

    SoakAdmin(SoakCli cli, SoakRegistry registry, List<String> targets, String toggledTarget, SoakStats stats,
              AtomicBoolean stopping, long seed) {
        super("admin", stats, stopping, seed);
        this.cli = cli;
        this.registry = registry;
        this.targets = targets;
        this.toggledTarget = toggledTarget;
    }

    @Override
    void step() throws InterruptedException {
        pause(3_000 + random.nextInt(4_000));
        if (stopping()) {
            return;
        }
        switch (round++ % 6) {
            case 0 -> command("status", "status");
            case 1 -> {
                if (command("target edit --enabled", "target", "edit", toggledTarget, "--enabled",
                        Boolean.toString(!toggledEnabled))) {
                    toggledEnabled = !toggledEnabled;
                }
            }
            case 2 -> command("crate priority", "crate", "priority", registry.someCrate(random),
                    Integer.toString(random.nextInt(11) - 5));
            case 3 -> {
                String[] version = registry.someStoredVersion(random);
                if (version != null) {
                    command("job requeue", "job", "requeue", version[0], version[1],
                            targets.get(random.nextInt(targets.size())));
                }
            }
            case 4 -> {
                if (command("queue lock", "queue", "lock")) {
                    pause(2_000);
                    while (!command("queue unlock", "queue", "unlock")) {
                        Thread.sleep(1_000); // never leave the queue locked; this runs on after the stop too
                    }
                }
            }
            default -> command("job list --active", "job", "list", "--active", "--json");
        }
    }

    /** @return whether it exited 0 */
    private boolean command(String operation, String... command) throws InterruptedException {
        SoakCli.Run run = cli.run(command);
        if (run.exit() == 0) {
            stats.count("admin " + operation);
            return true;
        }
        stats.error("admin " + operation, EXITS.getOrDefault(run.exit(), "exit " + run.exit()));
        return false;
    }

    @Override
    void finish() {
        if (!toggledEnabled) {
            try {
                command("target edit --enabled", "target", "edit", toggledTarget, "--enabled", "true");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
