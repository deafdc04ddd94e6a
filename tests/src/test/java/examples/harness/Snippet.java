package examples.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JBang script under snippets/. Its name is its path there without ".java" ("race",
 * "exercises/parallel_map/Solution"); its recorded output is the ".out" file beside it.
 */
public record Snippet(String name, Path file) {

    static Snippet of(Path snippetsDir, Path file) {
        String relative = snippetsDir.relativize(file).toString().replace('\\', '/');
        return new Snippet(relative.substring(0, relative.length() - ".java".length()), file);
    }

    /** JBang directives that the JDK's own source launcher can do without (or with a flag). */
    private static final List<String> PLAIN_JAVA_DIRECTIVES =
            List.of("JAVA", "DESCRIPTION", "DOCS", "PREVIEW");
    private static final Pattern DIRECTIVE = Pattern.compile("^//([A-Z_]+)(?:\\s+(.*))?$");

    /** The JBang directives at the top of the file ({@code //DESCRIPTION ...}), in order. */
    public List<Directive> directives() {
        try {
            List<Directive> found = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                Matcher m = DIRECTIVE.matcher(line.strip());
                if (m.matches()) {
                    found.add(new Directive(m.group(1), m.group(2) == null ? "" : m.group(2)));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Directive(String name, String value) {}

    /**
     * The JDK's {@code java} arguments that run this file without JBang, as the README says
     * they do: {@code [--enable-preview] snippets/NAME.java}; empty when the file needs JBang
     * ({@code //DEPS}, {@code //JAVA_OPTIONS} or any other JBang-only directive).
     */
    public Optional<List<String>> plainJavaArguments(Path root) {
        List<String> names = directives().stream().map(Directive::name).toList();
        if (!PLAIN_JAVA_DIRECTIVES.containsAll(names)) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>();
        if (names.contains("PREVIEW")) {
            arguments.add("--enable-preview");
        }
        arguments.add(root.relativize(file.toAbsolutePath()).toString());
        return Optional.of(arguments);
    }

    public Path recordedOutput() {
        return file.resolveSibling(file.getFileName().toString().replaceFirst("\\.java$", ".out"));
    }

    @Override
    public String toString() {
        return name + ".java";
    }
}
