package examples.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tests read recorded outputs and thresholds in Java; the site reads them in Python
 * (site-tools/recorded.py). Both must see the same values, bounds, notes and reader text, and
 * refuse the same bad declarations, or the page could show what the tests never checked.
 * The Python side runs on the interpreter that runs MkDocs (./verify passes it as site.python).
 */
class GrammarAgreementTest {
    static final Path GRAMMAR_FIXTURES = HarnessTest.FIXTURES.resolve("grammar");

    @Test
    void javaAndPythonReadEveryRecordedOutputAndClaimsFileAlike() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> project = Files.walk(Project.snippetsDir());
             Stream<Path> fixtures = Files.walk(HarnessTest.FIXTURES)) {
            Stream.concat(project, fixtures)
                    .filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".claims"))
                    .sorted().forEach(files::add);
        }
        assertThat(files).as("the grammar fixtures are among the files")
                .anyMatch(f -> f.endsWith("edge_cases.out"))
                .anyMatch(f -> f.endsWith("bad_repeated.claims"));

        List<String> java = files.stream().flatMap(f -> canonical(f).stream()).toList();
        List<String> python = python(files);
        assertThat(python).as("site-tools/recorded.py (left: Python) against the harness")
                .containsExactlyElementsOf(java);
        assertThat(java).as("each bad fixture is refused")
                .filteredOn(row -> row.startsWith("bad_")).allMatch(row -> row.contains("\terror\t"))
                .hasSize((int) files.stream().filter(f -> f.getFileName().toString()
                        .startsWith("bad_")).count());
    }

    /** The same lines recorded.py --canonical prints. */
    static List<String> canonical(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var rows = new ArrayList<String>();
        try {
            if (name.endsWith(".claims")) {
                ClaimsFile.parse(text).entries().values().stream()
                        .sorted((a, b) -> Integer.compare(a.lineNumber(), b.lineNumber()))
                        .forEach(e -> rows.add(name + ":" + e.lineNumber() + "\tclaim\t"
                                + e.name() + "\t" + e.value()));
                return rows;
            }
            RecordedOutput recorded = RecordedOutput.parse(text);
            List<String> plain = recorded.plainLines();
            for (int i = 0; i < plain.size(); i++) {
                rows.add(name + ":" + (i + 1) + "\ttext\t" + plain.get(i));
            }
            recorded.declarations().forEach((slot, line) -> rows.add(String.join("\t",
                    name + ":" + line, "slot", slot.name(), slot.recorded(), slot.kind(),
                    plainNumber(slot.min()), plainNumber(slot.max()),
                    String.join("|", slot.options()), slot.note())));
            recorded.timelines().forEach((timeline, line) -> {
                rows.add(String.join("\t", name + ":" + line, "timeline", timeline.name(),
                        plainNumber(timeline.min()), plainNumber(timeline.max()),
                        timeline.note()));
                recorded.rows(timeline.name(), text.lines().toList()).forEach((row, span) ->
                        rows.add(String.join("\t", name + ":" + row, "row", timeline.name(),
                                span.label(), "" + span.startMs(), "" + span.endMs())));
            });
            return rows;
        } catch (IllegalArgumentException e) {
            return List.of(name + "\terror\t" + e.getMessage().split(":")[0]);
        }
    }

    private static String plainNumber(BigDecimal bound) {
        return bound == null ? "" : bound.stripTrailingZeros().toPlainString();
    }

    private static List<String> python(List<Path> files) throws Exception {
        String python = System.getProperty("site.python", "python3");
        var command = new ArrayList<>(List.of(python, "-I",
                Project.root().resolve("site-tools/recorded.py").toString(), "--canonical"));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("recorded.py ends").isTrue();
        assertThat(process.exitValue()).as("%s exits 0:\n%s", command, out).isZero();
        return out.lines().toList();
    }
}
