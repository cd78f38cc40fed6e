package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.extension.annotation.UseExtensionHandler;
import org.junit.jupiter.api.Test;

/**
 * Every file of {@code sql/queries/<Dao>/<method>.sql} has a reader, and every reader its file: a DAO method with a
 * Jdbi statement annotation ({@code @SqlQuery}, {@code @SqlUpdate}, ... : whatever {@link SqlFileLocator} is asked
 * for), or a store that runs the file itself through {@code SqlFileLocator.sql(Dao.class, "method")}. A file nothing
 * reads is dead SQL that a reader of {@code sql/} would take for live; a method without a file fails only when
 * called.
 */
class SqlFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root"));
    private static final Path QUERIES = ROOT.resolve("sql/queries");
    private static final Path SOURCES = ROOT.resolve("buildsrs-database/src/main/java");
    private static final Pattern LOCATOR_CALL = Pattern.compile("SqlFileLocator\\.sql\\(\\s*(\\w+)\\.class\\s*,");
    private static final Pattern LITERAL = Pattern.compile("\"(\\w+)\"");

    @Test
    void everyQueryFileHasAReaderAndEveryDaoMethodAFile() throws Exception {
        Set<String> files = files();
        List<String> problems = problems(files, daoMethods(), directReads(files));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aFileWithoutAReaderOrAMethodWithoutAFileIsNamed() {
        List<String> problems = problems(Set.of("JobDao/jobFinish", "JobDao/jobClaim", "JobDao/jobOld"),
                Set.of("JobDao/jobFinish", "JobDao/jobNew"), Set.of("JobDao/jobClaim", "SyncDao/syncGone"));
        assertEquals(List.of(
                "sql/queries/JobDao/jobOld.sql: no DAO method JobDao.jobOld and no SqlFileLocator.sql(JobDao.class,"
                        + " \"jobOld\") reads it; delete the file, or add the method",
                "JobDao.jobNew: a DAO method without its file sql/queries/JobDao/jobNew.sql; add the file (the"
                        + " method's SQL), or remove the method",
                "SqlFileLocator.sql(SyncDao.class, \"syncGone\"): no file sql/queries/SyncDao/syncGone.sql"),
                problems);
        assertEquals(List.of(), problems(Set.of("A/b", "A/c"), Set.of("A/b"), Set.of("A/c")));
    }

    @Test
    void theDaoMethodsAreFound() throws Exception {
        Set<String> methods = daoMethods();
        assertTrue(methods.contains("JobDao/jobFinish") && methods.contains("SyncDao/syncLock"), methods::toString);
        Set<String> reads = directReads(files());
        assertTrue(reads.containsAll(Set.of("JobDao/jobClaim", "JobDao/jobLogInsert", "SyncDao/syncCopy",
                "SyncDao/syncBulkCrates")), reads::toString);
    }

    /**
     * What is wrong, one line each: files nothing reads, DAO methods without a file, direct reads without a file.
     *
     * @param files the files of sql/queries, as {@code Dao/method}
     * @param methods the DAO methods with a statement annotation, as {@code Dao/method}
     * @param directReads the files code names through {@code SqlFileLocator.sql}, as {@code Dao/method}
     * @return the problems, each naming the file or method
     */
    static List<String> problems(Set<String> files, Set<String> methods, Set<String> directReads) {
        List<String> problems = new ArrayList<>();
        for (String file : new TreeSet<>(files)) {
            if (!methods.contains(file) && !directReads.contains(file)) {
                String[] name = file.split("/");
                problems.add("sql/queries/" + file + ".sql: no DAO method " + name[0] + "." + name[1]
                        + " and no SqlFileLocator.sql(" + name[0] + ".class, \"" + name[1] + "\") reads it; delete"
                        + " the file, or add the method");
            }
        }
        for (String method : new TreeSet<>(methods)) {
            if (!files.contains(method)) {
                problems.add(method.replace('/', '.') + ": a DAO method without its file sql/queries/" + method
                        + ".sql; add the file (the method's SQL), or remove the method");
            }
        }
        for (String read : new TreeSet<>(directReads)) {
            if (!files.contains(read)) {
                String[] name = read.split("/");
                problems.add("SqlFileLocator.sql(" + name[0] + ".class, \"" + name[1] + "\"): no file sql/queries/"
                        + read + ".sql");
            }
        }
        return problems;
    }

    private static Set<String> files() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> paths = Files.walk(QUERIES)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.add(QUERIES.relativize(path).toString().replace('\\', '/').replaceFirst("\\.sql$", ""));
            }
        }
        return files;
    }

    /** Methods of the internal package's types that carry a Jdbi statement annotation ({@link #isStatement}). */
    private static Set<String> daoMethods() throws IOException, ClassNotFoundException {
        Set<String> methods = new TreeSet<>();
        Path internal = SOURCES.resolve("rs/builds/database/internal");
        try (Stream<Path> sources = Files.list(internal)) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String name = source.getFileName().toString().replaceFirst("\\.java$", "");
                if (name.equals("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(SqlFilesTest.class.getPackageName() + "." + name);
                for (Method method : type.getDeclaredMethods()) {
                    for (Annotation annotation : method.getAnnotations()) {
                        if (isStatement(annotation)) {
                            methods.add(type.getSimpleName() + "/" + method.getName());
                        }
                    }
                }
            }
        }
        return methods;
    }

    /**
     * Whether an annotation makes a SQL Object method run a statement: Jdbi's {@code @SqlQuery}, {@code @SqlUpdate},
     * {@code @SqlBatch}, {@code @SqlCall} and {@code @SqlScript} carry {@code @UseExtensionHandler(id = "SQL_OBJECT")};
     * {@code @Transaction} and the customizing annotations do not.
     */
    private static boolean isStatement(Annotation annotation) {
        UseExtensionHandler handler = annotation.annotationType().getAnnotation(UseExtensionHandler.class);
        return handler != null && handler.id().equals("SQL_OBJECT");
    }

    /**
     * Files the main code runs itself: each {@code SqlFileLocator.sql(Dao.class, "method")}, and where a source file
     * passes the name in a variable ({@code SqlFileLocator.sql(SyncDao.class, statement)}), each string literal of
     * that source file that names a file of that DAO.
     */
    private static Set<String> directReads(Set<String> files) throws IOException {
        Set<String> reads = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(SOURCES)) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source, StandardCharsets.UTF_8);
                Matcher call = LOCATOR_CALL.matcher(text);
                while (call.find()) {
                    String dao = call.group(1);
                    Matcher first = LITERAL.matcher(text.substring(call.end()).stripLeading());
                    if (first.lookingAt()) {
                        reads.add(dao + "/" + first.group(1));
                        continue;
                    }
                    Matcher any = LITERAL.matcher(text);
                    while (any.find()) {
                        if (files.contains(dao + "/" + any.group(1))) {
                            reads.add(dao + "/" + any.group(1));
                        }
                    }
                }
            }
        }
        return reads;
    }
}
