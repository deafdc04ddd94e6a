package examples.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where things are, and which snippets exist: every snippets/**&#47;*.java outside exercises/. */
public final class Project {
    private Project() {}

    public static Path root() {
        String configured = System.getProperty("project.root");
        Path start = Path.of(configured != null ? configured : "").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jbang")) && Files.isDirectory(dir.resolve("snippets"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root (with ./jbang and snippets/) above " + start);
    }

    public static Path snippetsDir() {
        return root().resolve("snippets");
    }

    /** Every snippet, sorted by name; exercises have tests of their own. */
    public static List<Snippet> snippets() {
        Path dir = snippetsDir();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !dir.relativize(f).startsWith("exercises"))
                    .map(f -> Snippet.of(dir, f))
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Snippet snippet(String name) {
        return snippets().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no snippet " + name + ".java"));
    }

    /** Set by ./verify --record: rewrite recorded outputs instead of comparing them. */
    public static boolean recordMode() {
        return Boolean.getBoolean("snippets.record");
    }

    /** Set by ./verify --record --accept: a re-record may change what a recorded file claims. */
    public static boolean acceptChanges() {
        return Boolean.getBoolean("snippets.accept");
    }

    /** Set by ./verify --record NAME...: only these snippets (empty: all). */
    public static Set<String> onlySnippets() {
        return Arrays.stream(System.getProperty("snippets.only", "").split("[,\\s]+"))
                .map(s -> s.replaceFirst("\\.java$", "").replaceFirst("^snippets/", ""))
                .filter(s -> !s.isBlank()).collect(Collectors.toSet());
    }
}
