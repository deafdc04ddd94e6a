package examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import examples.harness.Project;
import examples.harness.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One anatomy for every snippet (README, "Add a snippet"): the JBang header with a description
 * and the page that explains it, a header comment with the question, the answer and the claim,
 * no imports that java.base already gives a compact source file, a core region of at most 25
 * lines that the page shows first, and lines that fit a code block without scrolling.
 */
class SnippetStyleTest {
    static final int MAX_COLUMNS = 90, MAX_CORE_LINES = 25;
    static final Set<String> JAVA_BASE = ModuleLayer.boot().findModule("java.base")
            .orElseThrow().getPackages();
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.\\w+;$");

    @TestFactory
    Stream<DynamicTest> everySnippetHasTheOneAnatomy() {
        return Project.snippets().stream().map(snippet -> dynamicTest(snippet.toString(), () -> {
            List<String> lines = readLines(snippet.file());
            assertThat(lines.subList(0, 2)).as("%s: the JBang shebang, then the Java version",
                    snippet).containsExactly("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?",
                    "//JAVA 25");
            assertThat(lines).as("%s: one //DESCRIPTION line", snippet)
                    .filteredOn(l -> l.startsWith("//DESCRIPTION ")).hasSize(1);
            assertThat(header(lines)).as("%s: the header comment", snippet)
                    .contains(" * Question: ", " * Answer: ", " * Claim: ");
            assertDocsPageExplainsIt(snippet, lines);
            assertThat(lines).as("%s: imports java.base does not give (a compact source file"
                    + " imports all of java.base)", snippet)
                    .filteredOn(l -> IMPORT.matcher(l).matches())
                    .noneMatch(l -> isInJavaBase(l));
            assertThat(core(snippet, lines)).as("%s: the core region, which the page shows"
                    + " first, holds at most %d lines", snippet, MAX_CORE_LINES)
                    .hasSizeLessThanOrEqualTo(MAX_CORE_LINES);
            List<String> tooLong = IntStream.range(0, lines.size())
                    .filter(i -> lines.get(i).length() > MAX_COLUMNS)
                    .mapToObj(i -> snippet + ":" + (i + 1) + " (" + lines.get(i).length()
                            + " columns): " + lines.get(i).strip())
                    .toList();
            assertThat(tooLong).as("lines longer than %d columns scroll sideways on the site",
                    MAX_COLUMNS).isEmpty();
        }));
    }

    private static String header(List<String> lines) {
        int start = lines.indexOf("/*"), end = lines.indexOf(" */");
        assertThat(start).as("a header comment /* ... */ after the directives").isPositive();
        return String.join("\n", lines.subList(start, Math.max(start, end)));
    }

    private static void assertDocsPageExplainsIt(Snippet snippet, List<String> lines) {
        String docs = lines.stream().filter(l -> l.startsWith("//DOCS ")).findFirst()
                .orElseThrow(() -> new AssertionError(snippet + ": no //DOCS line"))
                .substring("//DOCS ".length()).strip();
        Path page = snippet.file().getParent().resolve(docs).normalize();
        assertThat(page).as("%s: //DOCS names a page of the site", snippet).isRegularFile();
        String include = "--8<-- \"" + Project.snippetsDir().relativize(snippet.file()) + "\"";
        assertThat(String.join("\n", readLines(page))).as("%s: the //DOCS page shows it",
                snippet).contains(include);
    }

    private static boolean isInJavaBase(String importLine) {
        var matcher = IMPORT.matcher(importLine);
        return matcher.matches() && JAVA_BASE.contains(matcher.group(1));
    }

    private static List<String> core(Snippet snippet, List<String> lines) {
        int start = lines.indexOf(indentOf(lines, "// tag::core[]"));
        int end = lines.indexOf(indentOf(lines, "// end::core[]"));
        assertThat(start).as("%s: a core region (// tag::core[] ... // end::core[])", snippet)
                .isNotNegative();
        assertThat(end).as("%s: the core region ends after it starts", snippet)
                .isGreaterThan(start);
        return lines.subList(start + 1, end);
    }

    private static String indentOf(List<String> lines, String marker) {
        return lines.stream().filter(l -> l.strip().equals(marker)).findFirst().orElse(marker);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
