package examples;

import static org.assertj.core.api.Assertions.assertThat;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import examples.harness.Project;
import examples.harness.Snippet;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import examples.harness.SourceLauncherCheck;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every snippet answers {@code --help} with one usage line on stdout and exit code 0, and an
 * argument it does not know with the same line on stderr, exit code 2 and nothing on stdout:
 * a reader's typo gets an explanation, never a stack trace or a run with surprising settings.
 * Both runs start the java command JBang chose for the snippet's output run (SnippetRunner).
 * Snippet-specific bad values (say race's {@code --trials abc}) are tested with their
 * chapter's claims.
 *
 * <p>The README promises that every file that needs no JBang directive runs with the JDK's
 * plain {@code java snippets/NAME.java} (with {@code --enable-preview} for a //PREVIEW file).
 * For each such file, the JDK's source launcher compiles it and finds the main method it would
 * call ({@link SourceLauncherCheck}, all files in one JVM per set of flags); and the first file
 * of each kind runs {@code --help} end to end through the real {@code java} command. These runs
 * measure nothing, so they run two at a time.
 */
class SnippetUsageTest {
    static final ExecutorService TWO_AT_A_TIME = Executors.newFixedThreadPool(2);

    @AfterAll
    static void close() {
        TWO_AT_A_TIME.close();
    }

    @TestFactory
    Stream<DynamicTest> everySnippetPrintsItsUsageForHelpAndRejectsAnUnknownArgument() {
        List<Snippet> snippets = Project.snippets();
        // The reader's java flags of each file that runs without JBang, and the files by flags.
        Map<Snippet, List<String>> flags = new LinkedHashMap<>();
        snippets.forEach(s -> s.plainJavaArguments(Project.root())
                .ifPresent(a -> flags.put(s, a.subList(0, a.size() - 1))));
        Map<List<String>, List<Snippet>> byFlags = flags.keySet().stream().collect(
                groupingBy(flags::get, LinkedHashMap::new, toList()));
        Map<List<String>, Future<SnippetRun>> launcherChecks = new LinkedHashMap<>();
        Map<Snippet, Future<SnippetRun>> endToEnd = new LinkedHashMap<>();
        byFlags.forEach((readerFlags, files) -> {
            launcherChecks.put(readerFlags, TWO_AT_A_TIME.submit(
                    () -> launcherCheck(readerFlags, files)));
            Snippet first = files.getFirst();
            List<String> help = new ArrayList<>(first.plainJavaArguments(Project.root())
                    .orElseThrow());
            help.add("--help");
            endToEnd.put(first, TWO_AT_A_TIME.submit(
                    () -> SnippetRunner.plainJava(SnippetRunner.DEFAULT_LIMIT, help)));
        });
        // One task per snippet, its two runs in turn: two cold JBang builds of the same
        // script at once can break each other's cache entry (different scripts cannot).
        Map<Snippet, Future<List<SnippetRun>>> runs = snippets.stream().collect(toMap(s -> s,
                s -> TWO_AT_A_TIME.submit(() -> List.of(SnippetRunner.run(s.file(), "--help"),
                        SnippetRunner.run(s.file(), "--no-such-option")))));
        return snippets.stream().map(snippet -> dynamicTest(snippet.toString(), () -> {
            String usage = "usage: " + snippet.file().getFileName();
            SnippetRun helped = runs.get(snippet).get().get(0);
            assertThat(helped.exitCode()).as("--help exits 0\n%s", helped.describe()).isZero();
            assertThat(helped.stdout()).as("--help prints one usage line on stdout\n%s",
                    helped.describe()).singleElement().asString().startsWith(usage);
            assertThat(helped.snippetStderr()).as("nothing on stderr\n%s", helped.describe())
                    .isBlank();

            SnippetRun rejected = runs.get(snippet).get().get(1);
            assertThat(rejected.exitCode()).as("an unknown argument exits 2\n%s",
                    rejected.describe()).isEqualTo(2);
            assertThat(rejected.stdout()).as("nothing on stdout\n%s", rejected.describe())
                    .isEmpty();
            assertThat(rejected.snippetStderr().strip()).as("the same usage line on stderr\n%s",
                    rejected.describe()).isEqualTo(helped.stdout().getFirst());

            if (flags.containsKey(snippet)) {
                SnippetRun checked = launcherChecks.get(flags.get(snippet)).get();
                String file = Project.root().relativize(snippet.file()).toString();
                assertThat(checked.stdout()).as("the JDK's source launcher compiles %s and "
                        + "finds its main method\n%s", file, checked.describe())
                        .contains("OK " + file);
            }
            if (endToEnd.containsKey(snippet)) {
                SnippetRun plain = endToEnd.get(snippet).get();
                assertThat(plain.exitCode()).as("java --help exits 0\n%s", plain.describe())
                        .isZero();
                assertThat(plain.stdout()).as("the same usage line through plain java\n%s",
                        plain.describe()).containsExactlyElementsOf(helped.stdout());
                assertThat(plain.stderr()).as("nothing on stderr\n%s", plain.describe())
                        .isBlank();
            }
        }));
    }

    /** {@link SourceLauncherCheck} of {@code files} in one JVM with the reader's flags. */
    static SnippetRun launcherCheck(List<String> readerFlags, List<Snippet> files)
            throws URISyntaxException {
        String testClasses = Path.of(SourceLauncherCheck.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).toString();
        List<String> arguments = new ArrayList<>(readerFlags);   // for this JVM, and
        arguments.addAll(List.of(
                "--add-opens", "jdk.compiler/com.sun.tools.javac.launcher=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", testClasses, SourceLauncherCheck.class.getName()));
        arguments.addAll(readerFlags);                            // for the launcher
        arguments.add("--");
        files.forEach(f -> arguments.add(Project.root().relativize(f.file()).toString()));
        // Generous: javac starts once and compiles every file, beside other work.
        return SnippetRunner.plainJava(Duration.ofMinutes(5), arguments);
    }
}
