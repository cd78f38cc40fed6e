package rs.builds.database.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The results table, in Markdown, with the machine it ran on. */
final class Report {
    private final List<String[]> rows = new ArrayList<>();

    void row(String measurement, String value, String baseline, String ratio, String goal) {
        rows.add(new String[] {measurement, value, baseline, ratio, goal});
        System.err.printf("%-40s %s | %s | %s | %s%n", measurement, value, baseline, ratio, goal);
    }

    String markdown(String serverVersion) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine()).append("; PostgreSQL ").append(serverVersion)
                .append(" (embedded, fsync off, same server for every row).\n\n");
        out.append("| measurement | result | baseline (same run) | ratio | goal |\n");
        out.append("| --- | --- | --- | --- | --- |\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: leave it unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Math.round(totalMemoryGiB()) + " GiB, Java " + System.getProperty("java.version");
    }

    private static double totalMemoryGiB() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0); // MemTotal:  24576000 kB
            return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String format(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value);
    }
}
