package rs.builds.database.temp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic build logs for tests and benchmarks: cargo-like output with the mix and line-length spread of real
 * builds, so that measurements of storage and compression are not flattered by repeated identical lines.
 *
 * <p>Each log is what a builder streams for one crate version: {@code Updating}/{@code Downloaded} lines, a
 * {@code Compiling name vX.Y.Z} line per dependency (names and versions drawn from a large generated pool),
 * warnings with source snippets, carets and notes, build-script output, some empty lines, a few long lines (in one
 * log of five the crate's {@code Running `rustc …`} command line, one to eight kilobytes of mostly unique hashes
 * and paths; in some failed builds a linker command line as long), sometimes an error, and a {@code Finished} (or
 * {@code error: could not compile}) line. Logs are 40 to about 1,500 lines long (median near 250); the same seed
 * and index always give the same log.
 *
 * <pre>{@code
 * LogCorpus corpus = LogCorpus.of(42);
 * List<String> lines = corpus.log(0);
 * }</pre>
 */
public final class LogCorpus {
    private static final String[] SYLLABLES = {"ser", "de", "to", "kio", "rand", "core", "hash", "brown", "syn",
        "quote", "proc", "macro", "lib", "c", "log", "env", "fmt", "bytes", "mio", "futures", "util", "io", "net",
        "http", "hyper", "tls", "ring", "crypto", "json", "yaml", "toml", "regex", "aho", "cor", "asick", "memchr",
        "itoa", "ryu", "unicode", "ident", "width", "once", "cell", "lazy", "static", "parking", "lot", "smallvec",
        "arrayvec", "either", "itertools", "num", "traits", "integer", "cfg", "if", "bit", "flags", "clap", "term",
        "color", "anstyle", "anyhow", "thiserror", "tracing", "attributes", "pin", "project", "slab", "socket", "sys",
        "windows", "targets", "gnu", "msvc", "wasm", "bindgen", "js", "web", "getrandom", "ppv", "chacha", "zero",
        "copy", "derive", "heck", "strsim", "glob", "walk", "dir", "same", "file", "tempfile", "fast", "rustix",
        "linux", "raw", "os", "str", "url", "percent", "encoding", "form", "idna", "tinyvec", "macros", "time"};
    private static final String[] IDENTS = {"input", "buf", "len", "idx", "state", "config", "result", "value",
        "handle", "reader", "writer", "ctx", "node", "entry", "key", "map", "items", "count", "offset", "flags", "err",
        "path", "name", "data", "bytes", "token", "span", "expr", "field", "ty", "args", "opts", "inner", "cache"};
    private static final String[] WARNINGS = {
        "unused variable: `%s`",
        "unused import: `std::%s::%s`",
        "field `%s` is never read",
        "function `%s_%s` is never used",
        "use of deprecated method `%s::%s`: use `try_%s` instead",
        "variable does not need to be mutable",
        "unused `Result` that must be used",
        "unnecessary parentheses around `if` condition",
        "the trait `%s` cannot be made into an object",
        "hiding a lifetime that's elided elsewhere is confusing",
    };
    private static final String[] ERRORS = {
        "error[E0308]: mismatched types",
        "error[E0425]: cannot find value `%s` in this scope",
        "error[E0599]: no method named `%s` found for struct `%s` in the current scope",
        "error[E0432]: unresolved import `%s::%s`",
        "error: linking with `cc` failed: exit status: 1",
        "error[E0554]: `#![feature]` may not be used on the stable release channel",
    };

    private final long seed;

    private LogCorpus(long seed) {
        this.seed = seed;
    }

    /**
     * A corpus of logs.
     *
     * @param seed chooses the corpus; logs of the same seed and index are equal
     * @return the corpus
     */
    public static LogCorpus of(long seed) {
        return new LogCorpus(seed);
    }

    /**
     * One build's log.
     *
     * @param index which log of the corpus, from 0
     * @return its lines, without terminators; none contains a NUL character or an unpaired surrogate
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public List<String> log(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("log index must not be negative (got " + index + ")");
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        List<String> lines = new ArrayList<>();
        String crate = crateName(random);
        String version = version(random);
        // dependency count: log-normal-ish spread, a few with hundreds
        int dependencies = (int) Math.min(600, Math.round(Math.exp(2.5 + random.nextDouble() * 3.2)));
        // a few long lines: the crate's own rustc command line in one log of five (cargo -v prints one per
        // dependency, but builders run cargo without -v), a linker error's command line in some failed builds
        boolean ownCommand = random.nextInt(5) == 0;
        boolean fails = random.nextInt(8) == 0;
        lines.add("    Updating crates.io index");
        int downloads = Math.max(1, dependencies - random.nextInt(Math.max(1, dependencies / 4) + 1));
        for (int i = 0; i < downloads; i++) {
            lines.add("  Downloaded " + crateName(random) + " v" + version(random));
        }
        lines.add("  Downloaded " + downloads + " crates (" + String.format("%.1f", 0.1 + random.nextDouble() * 40)
                + " MB) in " + String.format("%.2f", 0.2 + random.nextDouble() * 9) + "s");
        for (int i = 0; i < dependencies; i++) {
            String dependency = crateName(random);
            String dependencyVersion = version(random);
            lines.add("   Compiling " + dependency + " v" + dependencyVersion);
            if (random.nextInt(12) == 0) {
                buildScript(random, lines, dependency, dependencyVersion);
            }
            if (random.nextInt(15) == 0) {
                warning(random, lines, dependency);
            }
        }
        lines.add("   Compiling " + crate + " v" + version + " (/build/" + crate + "-" + version + ")");
        if (ownCommand) {
            lines.add(rustcCommand(random, crate, version));
        }
        int ownWarnings = random.nextInt(4) == 0 ? random.nextInt(12) : 0;
        for (int i = 0; i < ownWarnings; i++) {
            warning(random, lines, crate);
        }
        if (ownWarnings > 0) {
            lines.add("warning: `" + crate + "` (lib) generated " + ownWarnings + " warning"
                    + (ownWarnings == 1 ? "" : "s") + " (run `cargo fix --lib -p " + crate + "` to apply "
                    + random.nextInt(ownWarnings + 1) + " suggestions)");
        }
        if (fails) {
            if (random.nextInt(3) == 0) {
                lines.add("error: linking with `cc` failed: exit status: 1");
                lines.add("  = note: " + rustcCommand(random, crate, version).replace("     Running `rustc", "\"cc\" \"-m64\""));
            }
            error(random, lines, crate);
            lines.add("error: could not compile `" + crate + "` (lib) due to 1 previous error");
        } else {
            lines.add("    Finished `release` profile [optimized] target(s) in " + (random.nextInt(300) + 1) + "."
                    + (10 + random.nextInt(90)) + "s");
        }
        return lines;
    }

    private static String crateName(SplittableRandom random) {
        StringBuilder name = new StringBuilder(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        int parts = random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            name.append(random.nextBoolean() ? "-" : "_").append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        if (random.nextInt(5) == 0) {
            name.append(random.nextInt(10));
        }
        return name.toString();
    }

    private static String version(SplittableRandom random) {
        int major = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        return major + "." + random.nextInt(40) + "." + random.nextInt(200);
    }

    private static String hex(SplittableRandom random, int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static String ident(SplittableRandom random) {
        return IDENTS[random.nextInt(IDENTS.length)];
    }

    /** A cargo -v command line: one to eight kilobytes, mostly unique hashes and paths. */
    private static String rustcCommand(SplittableRandom random, String crate, String version) {
        String underscored = crate.replace('-', '_');
        StringBuilder line = new StringBuilder("     Running `rustc --crate-name ").append(underscored)
                .append(" --edition=2021 /build/registry/src/index.crates.io-6f17d22bba15001f/").append(crate)
                .append('-').append(version).append("/src/lib.rs --error-format=json --json=diagnostic-rendered-ansi,"
                        + "artifacts,future-incompat --crate-type lib --emit=dep-info,metadata,link -C opt-level=3"
                        + " -C embed-bitcode=no");
        int features = random.nextInt(6);
        for (int i = 0; i < features; i++) {
            line.append(" --cfg 'feature=\"").append(SYLLABLES[random.nextInt(SYLLABLES.length)]).append("\"'");
        }
        line.append(" -C metadata=").append(hex(random, 16)).append(" -C extra-filename=-").append(hex(random, 16))
                .append(" --out-dir /build/target/release/deps -L dependency=/build/target/release/deps");
        int externs = random.nextInt(40);
        for (int i = 0; i < externs; i++) {
            String dependency = crateName(random).replace('-', '_');
            line.append(" --extern ").append(dependency).append("=/build/target/release/deps/lib").append(dependency)
                    .append('-').append(hex(random, 16)).append(random.nextBoolean() ? ".rmeta" : ".rlib");
        }
        return line.append(" --cap-lints allow`").toString();
    }

    private static void buildScript(SplittableRandom random, List<String> lines, String crate, String version) {
        String dir = "/build/target/release/build/" + crate + "-" + hex(random, 16);
        lines.add("     Running `" + dir + "/build-script-build`");
        int outputs = 1 + random.nextInt(8);
        for (int i = 0; i < outputs; i++) {
            switch (random.nextInt(4)) {
                case 0 -> lines.add("[" + crate + " " + version + "] cargo:rerun-if-changed=build/"
                        + ident(random) + ".rs");
                case 1 -> lines.add("[" + crate + " " + version + "] cargo:rustc-cfg=" + ident(random) + "_"
                        + ident(random));
                case 2 -> lines.add("[" + crate + " " + version + "] cargo:rerun-if-env-changed="
                        + ident(random).toUpperCase() + "_" + ident(random).toUpperCase());
                default -> lines.add("[" + crate + " " + version + "] OUT_DIR = Some(" + dir + "/out)");
            }
        }
    }

    private static String format(SplittableRandom random, String pattern) {
        Object[] values = new Object[4];
        for (int i = 0; i < values.length; i++) {
            values[i] = ident(random);
        }
        return String.format(pattern, values);
    }

    /** A warning as rustc renders it: message, location, source snippet with carets, notes, an empty line. */
    private static void warning(SplittableRandom random, List<String> lines, String crate) {
        int line = 1 + random.nextInt(2000);
        String gutter = " ".repeat(String.valueOf(line).length());
        String name = ident(random);
        int column = 5 + random.nextInt(30);
        lines.add("warning: " + format(random, WARNINGS[random.nextInt(WARNINGS.length)]));
        lines.add(gutter + "--> src/" + ident(random) + (random.nextBoolean() ? "/mod.rs:" : ".rs:") + line + ":"
                + column);
        lines.add(gutter + " |");
        lines.add(line + " |" + " ".repeat(column - 1) + "let " + name + " = " + ident(random) + "." + ident(random)
                + "(&" + ident(random) + ", " + random.nextInt(4096) + ")?;");
        lines.add(gutter + " |" + " ".repeat(column + 3) + "^".repeat(name.length())
                + " help: if this is intentional, prefix it with an underscore: `_" + name + "`");
        lines.add(gutter + " |");
        if (random.nextInt(3) == 0) {
            lines.add(gutter + " = note: `#[warn(" + ident(random) + "_" + ident(random) + ")]` on by default");
        }
        lines.add("");
    }

    private static void error(SplittableRandom random, List<String> lines, String crate) {
        int line = 1 + random.nextInt(3000);
        String gutter = " ".repeat(String.valueOf(line).length());
        lines.add(format(random, ERRORS[random.nextInt(ERRORS.length)]));
        lines.add(gutter + "--> src/" + ident(random) + ".rs:" + line + ":" + (1 + random.nextInt(60)));
        lines.add(gutter + " |");
        lines.add(line + " |     " + ident(random) + "(" + ident(random) + ", \"" + crate + " – ünïcödé ✓\")");
        lines.add(gutter + " |     ^^^^^^ expected `" + ident(random) + "`, found `&str`");
        lines.add(gutter + " |");
        lines.add("");
        lines.add("For more information about this error, try `rustc --explain E0" + (300 + random.nextInt(400))
                + "`.");
    }
}
