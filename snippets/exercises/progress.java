///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Your progress over all exercises: done, or the next behaviour and a hint
//DOCS ../../docs/exercises/index.md

/*
 * Runs each exercise's test (snippets/exercises/NAME/NAMETest.java --summary) against
 * your files and lists the exercises in order: done, or how many behaviours work, the
 * next one to make work, and a hint. Run it from the project root:
 *     ./jbang snippets/exercises/progress.java
 */

static final String USAGE = "usage: progress.java (no arguments)";

/** One exercise: its test script and the "Exercise N (★...)" its description gives. */
record Exercise(Path test, int number, String stars) {
    String name() {
        return test.getParent().getFileName().toString();
    }
}

void main(String[] args) throws Exception {
    if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
        IO.println(USAGE);
        return;
    }
    if (args.length > 0) {
        System.err.println(USAGE);
        System.exit(2);
    }
    List<Exercise> exercises = exercises(exercisesDir());
    // Each test builds and runs in its own JVM, so one exercise that does not compile
    // cannot hide the others; they run side by side.
    Map<Exercise, Future<List<String>>> summaries = new LinkedHashMap<>();
    try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
        for (Exercise exercise : exercises) {
            summaries.put(exercise, parallel.submit(() -> summaryOf(exercise.test())));
        }
    }
    Exercise next = null;
    for (var entry : summaries.entrySet()) {
        Exercise exercise = entry.getKey();
        List<String> summary = entry.getValue().get();
        boolean done = summary.get(0).equals("done");
        print("%s %d. %-14s %-3s %s", done ? "✓" : "✗", exercise.number(),
                exercise.name(), exercise.stars(), summary.get(1));
        summary.subList(2, summary.size()).forEach(line -> IO.println("       " + line));
        if (!done && next == null) next = exercise;
    }
    if (next == null) {
        IO.println("All exercises done. Well done!");
    } else {
        IO.println("Next: ./jbang " + Path.of("").toAbsolutePath().relativize(
                next.test().toAbsolutePath()) + " (it shows each behaviour's check)");
    }
}

/** ["done" or "next", what to print on the exercise's line, lines to print under it]. */
List<String> summaryOf(Path test) throws IOException, InterruptedException {
    var command = new ArrayList<>(List.of(launcher(), test.toString(), "--summary"));
    Process run = new ProcessBuilder(command).start();
    run.getOutputStream().close();   // no input for the tests
    // stderr in a thread of its own, so neither pipe can fill up and block the run
    Future<String> errors;
    try (var reader = Executors.newVirtualThreadPerTaskExecutor()) {
        errors = reader.submit(() -> new String(run.getErrorStream().readAllBytes()));
        String out = new String(run.getInputStream().readAllBytes());
        run.waitFor();
        for (String line : out.lines().toList()) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 5 && fields[0].equals("done")) {
                return List.of("done", "done: all " + fields[2] + " behaviours work");
            }
            if (fields.length == 5 && fields[0].equals("next")) {
                return List.of("next", fields[1] + " of " + fields[2]
                        + " behaviours work. Next: " + fields[3], "Hint: " + fields[4]);
            }
        }
    }
    String firstError = errors.resultNow().lines()
            .filter(line -> line.contains("error:") || line.contains("Exception"))
            .findFirst().orElse("exit code " + run.exitValue());
    return List.of("next", "does not build or run:", firstError.strip());
}

/** The JBang that started us (./jbang, or an installed one), else jbang on the PATH. */
String launcher() {
    String launcher = System.getenv("JBANG_LAUNCH_CMD");
    return launcher == null || launcher.isBlank() ? "jbang" : launcher;
}

/** snippets/exercises, found from the current folder up (run from the project root). */
Path exercisesDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("snippets/exercises");
        if (Files.isDirectory(candidate)) return candidate;
    }
    System.err.println("progress.java: no snippets/exercises here or above; run it from"
            + " the project root");
    System.exit(2);
    return null;
}

/** Each folder's *Test.java, in the order of the "Exercise N" in its //DESCRIPTION. */
List<Exercise> exercises(Path dir) throws IOException {
    Pattern description = Pattern.compile("^//DESCRIPTION Exercise (\\d+) \\((★+)\\)");
    List<Exercise> exercises = new ArrayList<>();
    try (var tests = Files.find(dir, 2, (f, a) -> f.toString().endsWith("Test.java"))) {
        for (Path test : tests.toList()) {
            for (String line : Files.readAllLines(test)) {
                Matcher matcher = description.matcher(line);
                if (matcher.find()) {
                    exercises.add(new Exercise(test, Integer.parseInt(matcher.group(1)),
                            matcher.group(2)));
                }
            }
        }
    }
    exercises.sort(Comparator.comparingInt(Exercise::number));
    return exercises;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}
