package examples;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import examples.harness.OutputCheck;
import examples.harness.Project;
import examples.harness.Snippet;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every snippet, found on disk (adding a file adds its test): run it as a reader would and
 * check its output against the recorded output the page shows. Prints one line per snippet.
 */
class SnippetOutputTest {

    @TestFactory
    Stream<DynamicTest> everySnippetPrintsItsRecordedOutput() {
        Set<String> only = Project.onlySnippets();
        List<Snippet> snippets = Project.snippets().stream()
                .filter(s -> only.isEmpty() || only.contains(s.name())).toList();
        if (snippets.isEmpty()) throw new AssertionError("no snippets found (filter: " + only + ")");
        return snippets.stream().map(snippet -> dynamicTest(snippet.toString(), () -> check(snippet)));
    }

    private static void check(Snippet snippet) {
        SnippetRun run = SnippetRunner.runOnce(snippet);
        String verdict = "FAIL";
        try {
            if (Project.recordMode()) {
                List<String> notes = OutputCheck.record(run, snippet.recordedOutput(),
                        Project.acceptChanges());
                notes.forEach(note -> System.out.println("    " + snippet + ": " + note));
                verdict = "RECORDED";
            } else {
                OutputCheck.assertMatchesRecorded(run, snippet.recordedOutput(),
                        "./verify --record " + snippet.name());
                verdict = "PASS";
            }
        } finally {
            System.out.println(String.format(Locale.ROOT, "[snippet] %-36s %-8s %6.1f s",
                    snippet, verdict, run.seconds()));
        }
    }
}
