package examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import examples.harness.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What makes a snippet runnable as a file and readable on a page: the JBang header (so
 * {@code ./snippets/x.java} runs it), a pinned Java version, and lines that fit a code block
 * on the site without scrolling.
 */
class SnippetStyleTest {
    static final int MAX_COLUMNS = 90;

    @TestFactory
    Stream<DynamicTest> everySnippetHasTheJBangHeaderAndFitsThePage() {
        return Project.snippets().stream().map(snippet -> dynamicTest(snippet.toString(), () -> {
            List<String> lines = readLines(snippet.file());
            assertThat(lines.getFirst()).as("%s: first line", snippet)
                    .isEqualTo("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?");
            assertThat(lines).as("%s pins its Java version", snippet).contains("//JAVA 25");
            List<String> tooLong = IntStream.range(0, lines.size())
                    .filter(i -> lines.get(i).length() > MAX_COLUMNS)
                    .mapToObj(i -> snippet + ":" + (i + 1) + " (" + lines.get(i).length()
                            + " columns): " + lines.get(i).strip())
                    .toList();
            assertThat(tooLong).as("lines longer than %d columns scroll sideways on the site",
                    MAX_COLUMNS).isEmpty();
        }));
    }

    private static List<String> readLines(java.nio.file.Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
