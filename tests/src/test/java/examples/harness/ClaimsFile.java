package examples.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snippet's declared thresholds ({@code NAME.claims}, beside {@code NAME.out}): the numbers
 * of claims that a bound in the recorded output cannot express, because they hold only under a
 * condition (on 2+ CPUs) or relate two values. The claim test asserts them and the page quotes
 * them ({@code {{ no_gil.one_cpu_speedup_max }}}), so both read the one declaration:
 *
 * <pre>
 *   # comment lines say what was measured, where, and why the threshold is safe
 *   one_cpu_speedup_max = 1.2
 * </pre>
 *
 * site-tools/recorded.py reads the same grammar.
 */
public record ClaimsFile(Map<String, Entry> entries) {
    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9_]*)\\s*=\\s*(\\S.*?)\\s*");

    /** One threshold: its text as written, and the line it stands on. */
    public record Entry(String name, String value, int lineNumber) {}

    public static ClaimsFile parse(String text) {
        var entries = new LinkedHashMap<String, Entry>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) throw new IllegalArgumentException("line " + (i + 1)
                    + ": expected 'name = value' or a # comment: " + line);
            Entry previous = entries.put(entry.group(1),
                    new Entry(entry.group(1), entry.group(2), i + 1));
            if (previous != null) throw new IllegalArgumentException("line " + (i + 1)
                    + ": '" + entry.group(1) + "' is already declared on line "
                    + previous.lineNumber());
        }
        return new ClaimsFile(Map.copyOf(entries));
    }

    /** The claims declared beside a recorded output, or none if it has no .claims file. */
    public static ClaimsFile beside(Path recordedOutput) {
        Path file = recordedOutput.resolveSibling(
                recordedOutput.getFileName().toString().replaceFirst("\\.out$", ".claims"));
        try {
            return Files.isRegularFile(file) ? parse(Files.readString(file))
                    : new ClaimsFile(Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + " " + e.getMessage(), e);
        }
    }

    public double number(String name) {
        Entry entry = entries.get(name);
        if (entry == null) throw new IllegalArgumentException("no claim '" + name
                + "' is declared; declared: " + entries.keySet());
        return Double.parseDouble(entry.value().replace(",", ""));
    }
}
