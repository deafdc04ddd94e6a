package examples.harness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A snippet's recorded output (the ".out" file the page shows), compared line by line with a
 * fresh run. Text must match exactly, except parts declared varying where they stand, each
 * with a name, the recorded run's value, a type with bounds, and optionally words for the page:
 *
 * <pre>
 *   unsafe counter : lost updates in {{lost=13|int 0..20}} of 20 trials
 *   took {{took_ms=1012|int 900..3000}} ms on {{worker=ForkJoinPool-1-worker-1|word}}
 *   CPUs: {{cpus=2|int 1..4096|the CPUs this JVM may use}}
 *   plain flag {{outcome=stopped|one of: stopped, never stopped}}
 * </pre>
 *
 * Types: {@code int MIN..MAX} (digits, optional "," grouping), {@code num MIN..MAX} (decimal),
 * {@code word} (one token without spaces), {@code one of: A, B, ...} (exactly one of the listed
 * outcomes). Bounds may be grouped ({@code 2..2,000,000}). Names are unique in a file; claim
 * tests read a fresh run's values by name ({@link CheckedRun}). The site shows the recorded
 * value; site-tools/recorded.py reads the same grammar (GrammarAgreementTest keeps them equal).
 *
 * <p>A timeline is a header line ending with a marker that stands for no text, then rows:
 *
 * <pre>
 *   timeline: Semaphore(3), ms since the first call started{{semaphore=timeline|ms 0..10,000}}
 *     call  1    0 .. 52
 *     call  2    0 .. 51
 * </pre>
 *
 * A fresh run matches when it prints the same labels in the same order, each start and end
 * inside the declared ms and start &lt;= end; the rows end at the first line that is not one.
 * Claim tests read a fresh run's rows as {@link Span}s; the site draws the recorded rows.
 */
public final class RecordedOutput {
    static final Pattern MARKER = Pattern.compile("\\{\\{([^}]*)}}");
    private static final Pattern DECLARATION =
            Pattern.compile("([a-z][a-z0-9_]*)=([^|]*)\\|([^|]*)(?:\\|(.*))?", Pattern.DOTALL);
    private static final Pattern RANGE =
            Pattern.compile("(int|num) (-?[\\d,_]+(?:\\.\\d+)?)\\.\\.(-?[\\d,_]+(?:\\.\\d+)?)");
    private static final String INT = "-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)";
    private static final String NUM = INT + "(?:\\.\\d+)?";
    private static final Pattern TIMELINE = Pattern.compile(
            "([a-z][a-z0-9_]*)=timeline\\|ms (-?[\\d,_]+)\\.\\.(-?[\\d,_]+)(?:\\|(.*))?",
            Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile(
            "  (\\S(?:.*?\\S)?)\\s+(" + INT + ") \\.\\. +(" + INT + ")");

    /** A declared timeline: its name, the bounds of every start and end in ms, a note. */
    public record Timeline(String name, BigDecimal min, BigDecimal max, String note) {
        static Timeline parse(String marker) {
            Matcher t = TIMELINE.matcher(marker);
            if (!t.matches()) return null;
            var timeline = new Timeline(t.group(1), Slot.decimal(t.group(2)),
                    Slot.decimal(t.group(3)), t.group(4) == null ? "" : t.group(4).strip());
            if (timeline.min.compareTo(timeline.max) > 0) {
                throw new IllegalArgumentException("{{" + marker + "}}: min > max");
            }
            return timeline;
        }

        /** Null if a row's times fit this declaration, else why not. */
        String reject(String start, String end) {
            for (String[] time : List.of(new String[] {"start", start},
                    new String[] {"end", end})) {
                var value = Slot.decimal(time[1]);
                if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                    return name + ": " + time[0] + " " + time[1] + " is outside ms "
                            + min.toPlainString() + ".." + max.toPlainString();
                }
            }
            return Slot.decimal(start).compareTo(Slot.decimal(end)) > 0
                    ? name + ": start " + start + " is after end " + end : null;
        }
    }

    /** One row of a timeline: a task's label and when it started and ended, in ms. */
    public record Span(String label, long startMs, long endMs) {}

    /** The most spans in flight at one moment (a span ending at t is over when one starts). */
    public static int mostAtOnce(List<Span> spans) {
        int most = 0;
        for (Span span : spans) {
            int atItsStart = (int) spans.stream().filter(other -> other.startMs() <= span
                    .startMs() && span.startMs() < other.endMs()).count();
            most = Math.max(most, Math.max(atItsStart, 1));
        }
        return most;
    }

    /** One declared varying part: its name, recorded value, type and bounds, and page note. */
    public record Slot(String name, String recorded, String kind, String type, String regex,
                       BigDecimal min, BigDecimal max, List<String> options, String note) {
        static Slot parse(String marker) {
            Matcher d = DECLARATION.matcher(marker);
            if (!d.matches()) {
                throw new IllegalArgumentException("{{" + marker + "}} is not a declaration:"
                        + " write {{name=value|type}} (name: lower case, digits, _)");
            }
            String name = d.group(1), value = d.group(2), type = d.group(3).strip();
            String note = d.group(4) == null ? "" : d.group(4).strip();
            Matcher range = RANGE.matcher(type);
            Slot slot;
            if (range.matches()) {
                slot = new Slot(name, value, range.group(1), type,
                        range.group(1).equals("int") ? INT : NUM, decimal(range.group(2)),
                        decimal(range.group(3)), List.of(), note);
                if (slot.min.compareTo(slot.max) > 0) {
                    throw new IllegalArgumentException("{{" + marker + "}}: min > max");
                }
            } else if (type.equals("word")) {
                slot = new Slot(name, value, "word", type, "\\S+", null, null, List.of(), note);
            } else if (type.startsWith("one of:")) {
                List<String> options = Arrays.stream(type.substring("one of:".length())
                        .split(",")).map(String::strip).toList();
                if (options.size() < 2 || options.contains("")) {
                    throw new IllegalArgumentException("{{" + marker + "}}: one of needs two"
                            + " or more outcomes, separated by commas");
                }
                slot = new Slot(name, value, "one of", type, options.stream()
                        .map(Pattern::quote).collect(Collectors.joining("|")), null, null,
                        options, note);
            } else {
                throw new IllegalArgumentException("{{" + marker + "}}: unknown type '" + type
                        + "': use int MIN..MAX, num MIN..MAX, word, or one of: A, B");
            }
            String problem = slot.reject(value);
            if (problem != null) {
                throw new IllegalArgumentException("recorded value does not fit its own"
                        + " declaration: " + problem);
            }
            return slot;
        }

        static BigDecimal decimal(String bound) {
            return new BigDecimal(bound.replace(",", "").replace("_", ""));
        }

        /** Null if {@code value} is acceptable, else why not. */
        String reject(String value) {
            if (!value.matches(regex)) return "'" + value + "' is not a " + type;
            if (min == null) return null;
            var number = new BigDecimal(value.replace(",", ""));
            return number.compareTo(min) < 0 || number.compareTo(max) > 0
                    ? name + " = " + value + " is outside " + type : null;
        }
    }

    /** A value of a fresh run: the text it printed, where, and the slot that bounds it. */
    public record Value(Slot slot, String text, int lineNumber, String line) {
        public long asLong() {
            if (!slot.kind().equals("int")) throw new IllegalArgumentException(
                    slot.name() + " is declared " + slot.type() + ", not int");
            return Long.parseLong(text.replace(",", ""));
        }

        public double asDouble() {
            if (slot.min() == null) throw new IllegalArgumentException(
                    slot.name() + " is declared " + slot.type() + ", not a number");
            return Double.parseDouble(text.replace(",", ""));
        }
    }

    /**
     * A recorded line: literal text between slots, compiled to one anchored pattern. A
     * timeline's header carries its declaration; each of its rows, the timeline and a label.
     */
    record Line(String recorded, Pattern pattern, List<Slot> slots, Timeline timeline,
                String rowLabel) {
        static Line parse(String recorded) {
            var regex = new StringBuilder();
            var slots = new ArrayList<Slot>();
            Timeline timeline = null;
            Matcher marker = MARKER.matcher(recorded);
            int end = 0;
            while (marker.find()) {
                regex.append(Pattern.quote(recorded.substring(end, marker.start())));
                end = marker.end();
                Timeline declared = Timeline.parse(marker.group(1));
                if (declared == null) {
                    Slot slot = Slot.parse(marker.group(1));
                    regex.append('(').append(slot.regex()).append(')');
                    slots.add(slot);
                } else if (end != recorded.length()) {
                    throw new IllegalArgumentException("timeline " + declared.name()
                            + ": its marker must end the line");
                } else {
                    timeline = declared;   // stands for no text
                }
            }
            String rest = recorded.substring(end);
            if (rest.contains("{{")) {
                throw new IllegalArgumentException("'{{' without a closing '}}'");
            }
            regex.append(Pattern.quote(rest));
            return new Line(recorded, Pattern.compile(regex.toString()), slots, timeline, null);
        }

        /** A row of {@code timeline}, or null if the recorded line is not a row. */
        static Line row(String recorded, Timeline timeline) {
            Matcher row = ROW.matcher(recorded);
            if (!row.matches()) return null;
            String problem = timeline.reject(row.group(2), row.group(3));
            if (problem != null) throw new IllegalArgumentException(problem);
            return new Line(recorded, Pattern.compile("  " + Pattern.quote(row.group(1))
                    + "\\s+(" + INT + ") \\.\\. +(" + INT + ")"), List.of(), timeline,
                    row.group(1));
        }

        boolean isRow() {
            return rowLabel != null;
        }

        /** Null if the fresh line matches, else why not. */
        String reject(String fresh) {
            Matcher matcher = pattern.matcher(fresh);
            if (isRow()) return matcher.matches() ? timeline.reject(matcher.group(1),
                    matcher.group(2)) : "a row of timeline " + timeline.name() + " differs:"
                    + " expected '" + rowLabel + "' then START .. END";
            if (!matcher.matches()) return slots.isEmpty() ? "text differs"
                    : "text differs outside the declared varying parts";
            for (int i = 0; i < slots.size(); i++) {
                String problem = slots.get(i).reject(matcher.group(i + 1));
                if (problem != null) return problem;
            }
            return null;
        }

        boolean matches(String fresh) {
            return pattern.matcher(fresh).matches();
        }

        /** This line's template with the fresh values in its markers. */
        String withValuesOf(String fresh) {
            if (isRow()) return fresh;   // a row is its values
            Matcher values = pattern.matcher(fresh);
            if (!values.matches()) throw new IllegalStateException(fresh);
            Matcher marker = MARKER.matcher(recorded);
            var text = new StringBuilder();
            for (int i = 0; marker.find(); ) {
                if (Timeline.parse(marker.group(1)) != null) {
                    marker.appendReplacement(text, Matcher.quoteReplacement(marker.group()));
                    continue;
                }
                Slot slot = slots.get(i++);
                marker.appendReplacement(text, Matcher.quoteReplacement("{{" + slot.name()
                        + "=" + values.group(i) + "|" + slot.type()
                        + (slot.note().isEmpty() ? "" : "|" + slot.note()) + "}}"));
            }
            return marker.appendTail(text).toString();
        }

        /** The text a reader sees: the recorded values in place of the markers. */
        String plain() {
            return RecordedOutput.plain(recorded);
        }
    }

    private final List<Line> lines;

    private RecordedOutput(List<Line> lines) {
        this.lines = lines;
    }

    /** Parses a recorded output; a bad marker or a repeated name fails with its line number. */
    public static RecordedOutput parse(String text) {
        var lines = new ArrayList<Line>();
        var names = new LinkedHashMap<String, Integer>();
        List<String> raw = text.lines().toList();
        Timeline open = null;   // the timeline whose rows may follow
        for (int i = 0; i < raw.size(); i++) {
            try {
                Line row = open == null ? null : Line.row(raw.get(i), open);
                if (row != null) {
                    lines.add(row);
                    continue;
                }
                if (open != null && !lines.getLast().isRow()) throw noRows(open);
                Line line = Line.parse(raw.get(i));
                var declared = new ArrayList<>(line.slots().stream().map(Slot::name).toList());
                if (line.timeline() != null) declared.add(line.timeline().name());
                for (String name : declared) {
                    Integer first = names.putIfAbsent(name, i + 1);
                    if (first != null) throw new IllegalArgumentException("the name '"
                            + name + "' is already declared on line " + first);
                }
                lines.add(line);
                open = line.timeline();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (open != null && !lines.getLast().isRow()) {
            throw new IllegalArgumentException("line " + (raw.size() + 1) + ": "
                    + noRows(open).getMessage());
        }
        return new RecordedOutput(lines);
    }

    private static IllegalArgumentException noRows(Timeline timeline) {
        return new IllegalArgumentException("timeline " + timeline.name() + " has no rows:"
                + " write '  LABEL  START .. END' under its header");
    }

    /** The text a reader sees: markers replaced by their recorded values. */
    public static String plain(String text) {
        return MARKER.matcher(text).replaceAll(m -> {
            if (TIMELINE.matcher(m.group(1)).matches()) return "";
            Matcher d = DECLARATION.matcher(m.group(1));
            return Matcher.quoteReplacement(d.matches() ? d.group(2) : m.group());
        });
    }

    /** Every declaration, in the order they stand, with the line (from 1) each stands on. */
    public Map<Slot, Integer> declarations() {
        var declarations = new LinkedHashMap<Slot, Integer>();
        for (int i = 0; i < lines.size(); i++) {
            for (Slot slot : lines.get(i).slots()) declarations.put(slot, i + 1);
        }
        return declarations;
    }

    /** Every timeline, with the line (from 1) of its header. */
    public Map<Timeline, Integer> timelines() {
        var timelines = new LinkedHashMap<Timeline, Integer>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).timeline() != null && !lines.get(i).isRow()) {
                timelines.put(lines.get(i).timeline(), i + 1);
            }
        }
        return timelines;
    }

    /** The rows of a timeline in {@code output} (the recorded lines, or a matching run's). */
    public Map<Integer, Span> rows(String name, List<String> output) {
        var rows = new LinkedHashMap<Integer, Span>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!line.isRow() || !line.timeline().name().equals(name)) continue;
            Matcher times = line.pattern().matcher(output.get(i));
            if (!times.matches()) throw new IllegalArgumentException("line " + (i + 1)
                    + " is not a row of " + name + ": " + output.get(i));
            rows.put(i + 1, new Span(line.rowLabel(), Slot.decimal(times.group(1))
                    .longValueExact(), Slot.decimal(times.group(2)).longValueExact()));
        }
        if (rows.isEmpty()) throw new IllegalArgumentException("no timeline '" + name
                + "'; the timelines are " + timelines().keySet().stream()
                .map(Timeline::name).toList());
        return rows;
    }

    /** The reader's text of each line. */
    public List<String> plainLines() {
        return lines.stream().map(Line::plain).toList();
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

    /** The fresh run's values by name; the run must match (see {@link #differences}). */
    public Map<String, Value> values(List<String> fresh) {
        if (!differences(fresh).isEmpty()) {
            throw new IllegalArgumentException("the fresh output does not match");
        }
        var values = new LinkedHashMap<String, Value>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Matcher matcher = line.pattern().matcher(fresh.get(i));
            if (!matcher.matches()) throw new IllegalStateException(fresh.get(i));
            for (int s = 0; s < line.slots().size(); s++) {
                Slot slot = line.slots().get(s);
                values.put(slot.name(), new Value(slot, matcher.group(s + 1), i + 1,
                        fresh.get(i)));
            }
        }
        return values;
    }

    /**
     * A re-recording: the new text, and every change it would make to what the recorded
     * output claims. A change is a recorded line that no fresh line matches (its literal text
     * changed, or it is gone, with any declarations on it) or a fresh line that matches no
     * recorded line (new text). An empty change list means only declared values moved.
     */
    public record Rerecording(String text, List<String> changes) {}

    /**
     * The recorded output rewritten from a fresh run. Fresh lines are paired with recorded
     * lines in order (the longest common sequence of matching lines): a paired line keeps its
     * declarations with the fresh values; any other fresh line is written as literal text.
     * A value outside its declared bounds is an error, not something to record.
     */
    public Rerecording rerecord(List<String> fresh) {
        int r = lines.size(), f = fresh.size();
        int[][] common = new int[r + 1][f + 1];      // longest common run of matches, suffixes
        for (int i = r - 1; i >= 0; i--) {
            for (int j = f - 1; j >= 0; j--) {
                common[i][j] = lines.get(i).matches(fresh.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        var text = new StringBuilder();
        var changes = new ArrayList<String>();
        int i = 0, j = 0;
        while (i < r || j < f) {
            if (i < r && j < f && lines.get(i).matches(fresh.get(j))
                    && common[i][j] == common[i + 1][j + 1] + 1) {
                String problem = lines.get(i).reject(fresh.get(j));
                if (problem != null) throw new IllegalStateException("fresh line " + (j + 1)
                        + ": " + problem + " — fix the snippet, or change the declared bounds"
                        + " by hand if they were wrong\n    " + fresh.get(j));
                text.append(lines.get(i).withValuesOf(fresh.get(j))).append('\n');
                i++;
                j++;
            } else if (j < f && (i == r || common[i][j + 1] >= common[i + 1][j])) {
                changes.add("+ line " + (j + 1) + " (new): " + fresh.get(j));
                text.append(fresh.get(j)).append('\n');
                j++;
            } else {
                Line gone = lines.get(i);
                String names = gone.slots().stream().map(Slot::name)
                        .collect(Collectors.joining(", "));
                changes.add("- line " + (i + 1) + " (gone" + (names.isEmpty() ? ""
                        : ", and with it the declaration of " + names) + "): "
                        + gone.recorded());
                i++;
            }
        }
        return new Rerecording(text.toString(), changes);
    }
}
