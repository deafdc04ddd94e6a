package examples;

import static org.assertj.core.api.Assertions.assertThat;
import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import examples.harness.Project;
import examples.harness.Snippet;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
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
 * The {@code --help} run uses the JDK's plain {@code java snippets/NAME.java} (with
 * {@code --enable-preview} for a //PREVIEW file) wherever the file needs no JBang directive, as
 * the README promises; the other run is {@code ./jbang snippets/NAME.java --no-such-option}
 * (started with the java command JBang chose for the snippet's output run, see SnippetRunner).
 * Snippet-specific bad values (say race's {@code --trials abc}) are tested with their
 * chapter's claims. These runs measure nothing, so they run two at a time.
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
        // One task per snippet, its two runs in turn: two cold JBang builds of the same
        // script at once can break each other's cache entry (different scripts cannot).
        Map<Snippet, Future<List<SnippetRun>>> runs = snippets.stream().collect(toMap(s -> s,
                s -> TWO_AT_A_TIME.submit(() -> List.of(help(s),
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
        }));
    }

    /** {@code --help} through plain {@code java} where the file allows it, else ./jbang. */
    static SnippetRun help(Snippet snippet) {
        return snippet.plainJavaArguments(Project.root())
                .map(arguments -> SnippetRunner.plainJava(SnippetRunner.DEFAULT_LIMIT,
                        Stream.concat(arguments.stream(), Stream.of("--help")).toList()))
                .orElseGet(() -> SnippetRunner.run(snippet.file(), "--help"));
    }
}
