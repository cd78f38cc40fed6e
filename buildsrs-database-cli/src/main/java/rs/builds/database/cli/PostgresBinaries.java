package rs.builds.database.cli;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs of the platform the CLI runs on, unpacked from the zonky binaries jar on the class or
 * module path (which platforms a build carries: see the README). Each archive is unpacked once per data directory,
 * into a directory named by its digest, so a CLI carrying another PostgreSQL version unpacks its own beside it.
 */
final class PostgresBinaries {
    private PostgresBinaries() {
    }

    /**
     * @param binaries the directory the archives are unpacked in
     * @return the {@code bin} directory of this platform's PostgreSQL
     * @throws IOException if this build carries no PostgreSQL for the platform, or unpacking fails
     */
    static Path unpack(Path binaries) throws IOException {
        String digest;
        try (InputStream archive = archive(); OutputStream nowhere = OutputStream.nullOutputStream()) {
            DigestInputStream digesting = new DigestInputStream(archive, MessageDigest.getInstance("SHA-256"));
            digesting.transferTo(nowhere);
            digest = HexFormat.of().formatHex(digesting.getMessageDigest().digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        Path home = binaries.resolve(digest);
        if (!Files.isDirectory(home)) {
            // unpacked beside it and renamed, so a killed unpack never leaves a half directory under the real name
            Files.createDirectories(binaries);
            Path making = binaries.resolve(".unpacking-" + UUID.randomUUID());
            try (InputStream archive = archive()) {
                extract(archive, making);
                Files.move(making, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another data directory user unpacked the same archive first
            } finally {
                deleteTree(making);
            }
        }
        return home.resolve("bin");
    }

    private static InputStream archive() throws IOException {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        String system = os.startsWith("Windows") ? "Windows"
                : os.startsWith("Mac") ? "Darwin"
                : os.startsWith("Linux") ? "Linux" : null;
        InputStream archive = null;
        if (system != null) {
            try {
                archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
                        "amd64".equals(arch) ? "x86_64" : arch);
            } catch (IllegalStateException | IOException e) {
                archive = null;
            }
        }
        if (archive == null) {
            throw new IOException("this build of buildsrs-database carries no PostgreSQL for " + os + " on " + arch
                    + " (a build carries its own platform's; build it on this machine, or with -Pall-platforms for"
                    + " every supported one)");
        }
        return archive;
    }

    private static void extract(InputStream archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("the PostgreSQL archive names a file outside it: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/")
                            || entry.getName().startsWith("./bin/")) {
                        file.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    /**
     * Runs one of the programs to its end.
     *
     * @throws IOException if it fails, with the last lines it printed
     */
    static void run(Path bin, String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does: PostgreSQL refuses to run as root, and in a user namespace of its own it is not
            command.addAll(List.of("unshare", "-U"));
        }
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        command.add(bin.resolve(windows ? program + ".exe" : program).toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("buildsrs-" + program, ".txt");
        try {
            // pg_ctl start leaves the server holding what it was given as output: a file, never this JVM's pipes
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(windows ? "NUL" : "/dev/null"))).start();
            int exit = process.waitFor();
            if (exit != 0) {
                List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
                throw new IOException(program + " " + args[args.length - 1] + " failed (exit code " + exit + "): "
                        + String.join(" ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " was interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Deletes a directory and everything in it, if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
