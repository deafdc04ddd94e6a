package examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import examples.harness.Project;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every snippet answers an argument it does not know with a one-line usage on stderr and exit
 * code 2, and prints nothing on stdout: a reader's typo gets an explanation, never a stack
 * trace or a run with surprising settings. Snippet-specific bad values (say race's
 * {@code --trials abc}) are tested with their chapter's claims.
 */
class SnippetArgumentsTest {

    @TestFactory
    Stream<DynamicTest> everySnippetRejectsAnUnknownArgumentWithAUsageLineAndExitCode2() {
        return Project.snippets().stream().map(snippet -> dynamicTest(snippet.toString(), () -> {
            SnippetRun run = SnippetRunner.run(snippet.file(), Duration.ofSeconds(60),
                    "--no-such-option");
            assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isEqualTo(2);
            assertThat(run.stdout()).as("nothing on stdout\n%s", run.describe()).isEmpty();
            assertThat(run.snippetStderr().strip().lines().toList()).as("one usage line\n%s",
                    run.describe()).singleElement().asString()
                    .startsWith("usage: " + snippet.file().getFileName());
        }));
    }
}
