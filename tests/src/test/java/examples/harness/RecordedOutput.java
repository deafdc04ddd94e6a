package examples.harness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A snippet's recorded output (the ".out" file the page shows), compared line by line with a
 * fresh run. Text must match exactly, except parts declared varying in place, with a type and
 * bounds, and the value of the recorded run:
 *
 * <pre>
 *   unsafe counter : lost updates in {{13|int 0..20}} of 20 trials
 *   took {{1012|int 900..3000}} ms on {{ForkJoinPool-1-worker-1|word}}
 *   speedup {{1.93|num 0.5..4}}x, plain flag {{stopped|one of: stopped, never stopped}}
 * </pre>
 *
 * Types: {@code int MIN..MAX} (digits, optional "," grouping), {@code num MIN..MAX} (decimal),
 * {@code word} (one token without spaces), {@code one of: A, B, ...} (exactly one of the listed
 * outcomes). The site shows the recorded value; the marker is only in the file.
 */
public final class RecordedOutput {
    static final Pattern MARKER = Pattern.compile("\\{\\{([^|}]*)\\|([^}]*)}}");
    private static final String INT = "-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)";
    private static final String NUM = INT + "(?:\\.\\d+)?";

    /** One declared varying part. */
    record Slot(String declaration, String regex, BigDecimal min, BigDecimal max, String kind) {
        static Slot parse(String declaration) {
            String d = declaration.strip();
            Matcher range = Pattern.compile("(int|num) (-?[\\d_.]+)\\.\\.(-?[\\d_.]+)").matcher(d);
            if (range.matches()) {
                return new Slot(d, range.group(1).equals("int") ? INT : NUM,
                        new BigDecimal(range.group(2).replace("_", "")),
                        new BigDecimal(range.group(3).replace("_", "")), range.group(1));
            }
            if (d.equals("word")) return new Slot(d, "\\S+", null, null, "word");
            if (d.startsWith("one of:")) {
                String alternatives = Arrays.stream(d.substring("one of:".length()).split(","))
                        .map(String::strip).map(Pattern::quote).collect(Collectors.joining("|"));
                return new Slot(d, alternatives, null, null, "one of");
            }
            throw new IllegalArgumentException("unknown varying part {{…|" + declaration
                    + "}}: use int MIN..MAX, num MIN..MAX, word, or one of: A, B");
        }

        /** Null if {@code value} is acceptable, else why not. */
        String reject(String value) {
            if (!value.matches(regex)) return "'" + value + "' is not a " + declaration;
            if (min == null) return null;
            var number = new BigDecimal(value.replace(",", ""));
            return number.compareTo(min) < 0 || number.compareTo(max) > 0
                    ? value + " is outside " + declaration : null;
        }
    }

    /** A recorded line: literal text between slots, compiled to one anchored pattern. */
    record Line(String recorded, Pattern pattern, List<Slot> slots) {
        static Line parse(String recorded) {
            var regex = new StringBuilder();
            var slots = new ArrayList<Slot>();
            Matcher marker = MARKER.matcher(recorded);
            int end = 0;
            while (marker.find()) {
                Slot slot = Slot.parse(marker.group(2));
                String problem = slot.reject(marker.group(1));
                if (problem != null) throw new IllegalArgumentException(
                        "recorded value does not fit its own declaration: " + problem);
                regex.append(Pattern.quote(recorded.substring(end, marker.start())))
                        .append('(').append(slot.regex()).append(')');
                slots.add(slot);
                end = marker.end();
            }
            regex.append(Pattern.quote(recorded.substring(end)));
            return new Line(recorded, Pattern.compile(regex.toString()), slots);
        }

        /** Null if the fresh line matches, else why not. */
        String reject(String fresh) {
            Matcher matcher = pattern.matcher(fresh);
            if (!matcher.matches()) return slots.isEmpty() ? "text differs"
                    : "text differs outside the declared varying parts";
            for (int i = 0; i < slots.size(); i++) {
                String problem = slots.get(i).reject(matcher.group(i + 1));
                if (problem != null) return problem;
            }
            return null;
        }

        /** This line's template with the fresh values in its markers. */
        String withValuesOf(String fresh) {
            Matcher values = pattern.matcher(fresh);
            if (!values.matches()) throw new IllegalStateException(fresh);
            Matcher marker = MARKER.matcher(recorded);
            var text = new StringBuilder();
            for (int i = 1; marker.find(); i++) {
                marker.appendReplacement(text, Matcher.quoteReplacement(
                        "{{" + values.group(i) + "|" + marker.group(2) + "}}"));
            }
            return marker.appendTail(text).toString();
        }
    }

    private final List<Line> lines;

    private RecordedOutput(List<Line> lines) {
        this.lines = lines;
    }

    /** Parses a recorded output; a bad marker fails with its line number. */
    public static RecordedOutput parse(String text) {
        var lines = new ArrayList<Line>();
        List<String> raw = text.lines().toList();
        for (int i = 0; i < raw.size(); i++) {
            try {
                lines.add(Line.parse(raw.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new RecordedOutput(lines);
    }

    /** The text a reader sees: markers replaced by their recorded values. */
    public static String plain(String text) {
        return MARKER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    /** One entry per differing line, each a readable recorded/fresh/why block; empty if equal. */
    public List<String> differences(List<String> fresh) {
        var differences = new ArrayList<String>();
        for (int i = 0; i < Math.max(lines.size(), fresh.size()); i++) {
            String why;
            if (i >= fresh.size()) why = "missing from the fresh run";
            else if (i >= lines.size()) why = "not in the recorded output";
            else why = lines.get(i).reject(fresh.get(i));
            if (why != null) {
                differences.add(String.format("  line %d: %s%n    recorded: %s%n    fresh   : %s",
                        i + 1, why, i < lines.size() ? lines.get(i).recorded() : "(none)",
                        i < fresh.size() ? fresh.get(i) : "(none)"));
            }
        }
        return differences;
    }

    /**
     * The recorded output rewritten from a fresh run. A fresh line that matches a recorded line
     * (in order) keeps that line's markers with the new values; any other line is written as
     * literal text and reported in {@code notes}, so a new varying part is declared by hand.
     * A value outside its declared bounds is an error, not something to record.
     */
    public String rerecord(List<String> fresh, List<String> notes) {
        var text = new StringBuilder();
        int next = 0;
        for (int f = 0; f < fresh.size(); f++) {
            String line = fresh.get(f);
            int match = -1;
            for (int r = next; r < lines.size() && match < 0; r++) {
                if (lines.get(r).pattern().matcher(line).matches()) match = r;
            }
            if (match >= 0) {
                String problem = lines.get(match).reject(line);
                if (problem != null) throw new IllegalStateException("fresh line " + (f + 1)
                        + ": " + problem + " — fix the snippet, or change the declared bounds"
                        + " by hand if they were wrong\n    " + line);
                text.append(lines.get(match).withValuesOf(line));
                next = match + 1;
            } else {
                text.append(line);
                if (!lines.isEmpty()) notes.add("line " + (f + 1) + " is new or changed and was"
                        + " recorded as literal text; if part of it varies, mark it {{value|type}}");
            }
            text.append('\n');
        }
        return text.toString();
    }
}
