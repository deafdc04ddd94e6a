package examples.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import examples.harness.Project;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each exercise's test (snippets/exercises/NAME/NAMETest.java) bites: it passes the reference
 * solution (solution/), fails the starter exactly as committed to git (never the working
 * file, which a learner may be solving in place), and fails every typical wrong solution in
 * tests/src/test/resources/fixtures/exercises/NAME/ at the behaviour the fixture names in its
 * "// Caught by: METHOD" line.
 *
 * <p>One JBang run per exercise checks them all ({@code --impl FILE}, {@code FILE#METHOD}); the
 * test script runs from a copy under tests/target/ with the git starter beside it, so a
 * learner's half-done file never breaks the build. The three runs go in parallel: the tests
 * force every interleaving they check with latches and barriers, so load does not change a
 * verdict. Prints one line per exercise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExercisesTest {
    /** Each wrong fixture may cost a behaviour's full timeout (10 s); these add up. */
    static final Duration LIMIT = Duration.ofMinutes(4);
    static final int MAX_COLUMNS = 90;
    static final Pattern CAUGHT_BY = Pattern.compile("(?m)^// Caught by: (\\w+)$");

    record Exercise(String name, Path dir, String implFile, Path test) {
        Path solution() {
            return dir.resolve("solution").resolve(implFile);
        }

        Path starter() {
            return dir.resolve(implFile);
        }

        List<Path> wrongFixtures() {
            Path fixtures = Project.root().resolve("tests/src/test/resources/fixtures/exercises")
                    .resolve(name);
            try (Stream<Path> files = Files.list(fixtures)) {
                return files.filter(f -> f.getFileName().toString().matches("wrong_.*\\.java"))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @TestFactory
    @Order(1)   // it builds the test scripts, one after another: see below
    Stream<DynamicNode> everyExerciseTestPassesTheSolutionAndFailsTheStarterAndEachWrongOne()
            throws Exception {
        List<Exercise> exercises = exercises();
        assertThat(exercises).as("exercises in snippets/exercises/").isNotEmpty();
        // Built one after another first: parallel first builds would fetch the same //DEPS
        // into the same local repository at once.
        for (Exercise exercise : exercises) {
            Path test = pristineCopy(exercise).resolve(exercise.test().getFileName());
            SnippetRun build = SnippetRunner.jbang(LIMIT, List.of("build", relative(test)));
            assertThat(build.exitCode()).as("%s", build.describe()).isZero();
        }
        Map<Exercise, Future<SnippetRun>> runs = new LinkedHashMap<>();
        try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Exercise exercise : exercises) {
                runs.put(exercise, parallel.submit(checkAll(exercise)));
            }
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (var entry : runs.entrySet()) {
            Exercise exercise = entry.getKey();
            SnippetRun run = entry.getValue().get();
            System.out.println(String.format(Locale.ROOT, "[exercise] %-36s %-8s %6.1f s",
                    exercise.name(), run.exitCode() == 1 && !run.timedOut() ? "RAN" : "BROKEN",
                    run.seconds()));
            nodes.add(dynamicContainer(exercise.name(), verdicts(exercise, run)));
        }
        return nodes.stream();
    }

    /**
     * Bad arguments: the usage line on stderr and exit code 2; --help: on stdout, 0. The
     * commands run two at a time (their scripts are built by then), each one's runs in turn.
     */
    @TestFactory
    @Order(2)
    Stream<DynamicNode> theCommandsAnswerBadArgumentsWithTheirUsage() throws Exception {
        List<Path> commands = new ArrayList<>();
        for (Exercise exercise : exercises()) {
            commands.add(pristineCopy(exercise).resolve(exercise.test().getFileName()));
        }
        commands.add(Project.snippetsDir().resolve("exercises/progress.java"));
        Map<Path, Future<List<SnippetRun>>> runs = new LinkedHashMap<>();
        try (var twoAtATime = Executors.newFixedThreadPool(2)) {
            for (Path command : commands) {
                runs.put(command, twoAtATime.submit(() -> List.of(
                        SnippetRunner.run(command, LIMIT, "--no-such-option"),
                        SnippetRunner.run(command, LIMIT, "--help"))));
            }
        }
        return commands.stream().map(command -> dynamicTest(command.getFileName().toString(),
                () -> {
                    String usage = "usage: " + command.getFileName();
                    SnippetRun bad = runs.get(command).get().get(0);
                    assertThat(bad.exitCode()).as("%s", bad.describe()).isEqualTo(2);
                    assertThat(bad.snippetStderr()).as("%s", bad.describe()).startsWith(usage);
                    SnippetRun help = runs.get(command).get().get(1);
                    assertThat(help.exitCode()).as("%s", help.describe()).isZero();
                    assertThat(help.stdout()).as("%s", help.describe()).first().asString()
                            .startsWith(usage);
                }));
    }

    /** The one JBang run that checks the solution, the git starter and each wrong fixture. */
    private static Callable<SnippetRun> checkAll(Exercise exercise) {
        return () -> {
            Path copy = pristineDir(exercise);
            List<String> args = new ArrayList<>();
            // the solution first, before any wrong fixture can leave threads behind
            args.addAll(List.of("--impl", relative(exercise.solution())));
            args.addAll(List.of("--impl", relative(copy.resolve(exercise.implFile()))));
            for (Path wrong : exercise.wrongFixtures()) {
                args.addAll(List.of("--impl", relative(wrong) + "#" + caughtBy(wrong)));
            }
            return SnippetRunner.run(copy.resolve(exercise.test().getFileName()), LIMIT,
                    args.toArray(String[]::new));
        };
    }

    private static Stream<DynamicNode> verdicts(Exercise exercise, SnippetRun run) {
        Map<String, List<String>> sections = sections(run);
        List<DynamicNode> checks = new ArrayList<>();
        checks.add(dynamicTest("the run ends, within " + LIMIT.toMinutes() + " min", () ->
                assertThat(run.timedOut()).as("%s\n%s", run.describe(), run.threadDumps())
                        .isFalse()));
        checks.add(dynamicTest("passes the reference solution", () -> {
            List<String> lines = section(sections, relative(exercise.solution()), run);
            assertThat(lines).as("every behaviour works in the solution:\n%s",
                    String.join("\n", lines)).noneMatch(l -> l.startsWith("  ✗"))
                    .anyMatch(l -> l.startsWith("All ") && l.contains("behaviours work"));
        }));
        checks.add(dynamicTest("fails the starter as committed to git, at a TODO", () -> {
            List<String> lines = section(sections,
                    relative(pristineDir(exercise).resolve(exercise.implFile())), run);
            assertThat(lines).as("the starter fails its first behaviour with an"
                    + " UnsupportedOperationException(\"TODO: ...\"):\n%s",
                    String.join("\n", lines)).element(0).asString().startsWith("  ✗");
            assertThat(lines).element(1).asString()
                    .contains("UnsupportedOperationException: TODO: ");
        }));
        List<Path> wrongs = exercise.wrongFixtures();
        checks.add(dynamicTest("has at least 3 typical wrong solutions", () ->
                assertThat(wrongs).hasSizeGreaterThanOrEqualTo(3)));
        for (Path wrong : wrongs) {
            String method = caughtBy(wrong);
            checks.add(dynamicTest("fails " + wrong.getFileName() + " at " + method, () -> {
                List<String> lines = section(sections, relative(wrong) + "#" + method, run);
                assertThat(lines).as("%s must fail behaviour %s:\n%s", wrong.getFileName(),
                        method, String.join("\n", lines)).isNotEmpty()
                        .element(0).asString().startsWith("  ✗");
            }));
        }
        checks.add(dynamicTest("shows no line over " + MAX_COLUMNS + " columns on its page", () -> {
            for (Path file : List.of(exercise.starter(), exercise.solution(), exercise.test())) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                List<String> tooLong = IntStream.range(0, lines.size())
                        .filter(i -> lines.get(i).length() > MAX_COLUMNS)
                        .mapToObj(i -> relative(file) + ":" + (i + 1)).toList();
                assertThat(tooLong).as("lines that scroll sideways on the page").isEmpty();
            }
        }));
        return checks.stream();
    }

    // --- the exercises, their files, and the run's output ------------------------------------

    /** Every folder of snippets/exercises/ with a NAMETest.java and the NAME.java it checks. */
    static List<Exercise> exercises() throws IOException {
        Path root = Project.snippetsDir().resolve("exercises");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().map(dir -> {
                try (Stream<Path> files = Files.list(dir)) {
                    Path test = files.filter(f -> f.toString().endsWith("Test.java"))
                            .findFirst().orElseThrow(() -> new AssertionError(
                                    dir + " has no *Test.java"));
                    String impl = test.getFileName().toString().replace("Test.java", ".java");
                    return new Exercise(dir.getFileName().toString(), dir, impl, test);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static String caughtBy(Path wrong) {
        Matcher matcher;
        try {
            matcher = CAUGHT_BY.matcher(Files.readString(wrong));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!matcher.find()) {
            throw new AssertionError(wrong + " names no behaviour: add \"// Caught by: METHOD\"");
        }
        return matcher.group(1);
    }

    static Path pristineDir(Exercise exercise) {
        return Project.root().resolve("tests/target/exercises").resolve(exercise.name());
    }

    /**
     * tests/target/exercises/NAME/: the test script and the shared runner from the working tree,
     * and the starter from git's HEAD, so //SOURCES compiles what was committed.
     */
    static Path pristineCopy(Exercise exercise) throws IOException, InterruptedException {
        Path dir = pristineDir(exercise);
        Files.createDirectories(dir);
        Files.copy(exercise.test(), dir.resolve(exercise.test().getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(exercise.dir().resolveSibling("Exercise.java"),
                dir.resolveSibling("Exercise.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String starter = "snippets/exercises/" + exercise.name() + "/" + exercise.implFile();
        Process git = new ProcessBuilder("git", "show", "HEAD:" + starter)
                .directory(Project.root().toFile())
                .redirectOutput(dir.resolve(exercise.implFile()).toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String error = new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new AssertionError("git show HEAD:" + starter + " failed (is the starter"
                    + " committed?): " + error);
        }
        return dir;
    }

    /** The run's output, split at each "== IMPL" header line. */
    static Map<String, List<String>> sections(SnippetRun run) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : run.stdout()) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                sections.put(line.substring(3), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return sections;
    }

    static List<String> section(Map<String, List<String>> sections, String impl, SnippetRun run) {
        List<String> lines = sections.get(impl);
        if (lines == null) throw new AssertionError("no result for " + impl + "\n" + run.describe());
        return lines;
    }

    static String relative(Path file) {
        return Project.root().relativize(file.toAbsolutePath().normalize()).toString();
    }
}
