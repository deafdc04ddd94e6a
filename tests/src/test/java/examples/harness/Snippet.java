package examples.harness;

import java.nio.file.Path;

/**
 * A JBang script under snippets/. Its name is its path there without ".java" ("race",
 * "exercises/parallel_map/Solution"); its recorded output is the ".out" file beside it.
 */
public record Snippet(String name, Path file) {

    static Snippet of(Path snippetsDir, Path file) {
        String relative = snippetsDir.relativize(file).toString().replace('\\', '/');
        return new Snippet(relative.substring(0, relative.length() - ".java".length()), file);
    }

    public Path recordedOutput() {
        return file.resolveSibling(file.getFileName().toString().replaceFirst("\\.java$", ".out"));
    }

    @Override
    public String toString() {
        return name + ".java";
    }
}
