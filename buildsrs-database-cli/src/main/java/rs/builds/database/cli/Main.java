package rs.builds.database.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code java -jar buildsrs-database.jar}. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its exit code. Output is UTF-8 whatever the locale (JSON must be, and a
     * crate name under {@code LANG=C} would otherwise print as question marks).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = utf8(FileDescriptor.out);
        PrintStream err = utf8(FileDescriptor.err);
        int exit = new Cli(out, err, System::getenv).run(args);
        out.flush();
        err.flush();
        System.exit(exit);
    }

    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor)), true,
                StandardCharsets.UTF_8);
    }
}
