package rs.builds.database.cli;

/** Entry point of {@code java -jar buildsrs-database.jar}. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err, System::getenv).run(args));
    }
}
