package examples.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a snippet as a reader would ({@code ./jbang snippets/x.java args}), as its own process,
 * time-boxed (see {@link RunningSnippet} to interact with it while it runs). On a hang it
 * takes a thread dump of every JVM in the process tree (jcmd), then kills the tree, so a stuck
 * snippet fails fast and says where it was stuck. JBang starts once per snippet: later runs
 * reuse the java command it chose (see {@link #JAVA_COMMANDS}).
 */
public final class SnippetRunner {
    /** Covers a cold JBang build (~3 s) plus a snippet that "finishes in a few seconds". */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

    private static final Map<String, SnippetRun> RUNS = new ConcurrentHashMap<>();

    private SnippetRunner() {}

    /**
     * The run of {@code snippet} with no arguments, shared by its output test and its claim
     * tests so each snippet runs once per test JVM.
     */
    public static SnippetRun runOnce(Snippet snippet) {
        return RUNS.computeIfAbsent(snippet.name(), name -> {
            Path file = snippet.file().toAbsolutePath().normalize();
            try (RunningSnippet running = startJbang(file)) {
                return running.finish(DEFAULT_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + snippet, e);
            }
        });
    }

    /** Runs {@code script} with {@code args} within the {@link #DEFAULT_LIMIT}. */
    public static SnippetRun run(Path script, String... args) {
        return run(script, DEFAULT_LIMIT, args);
    }

    public static SnippetRun run(Path script, Duration limit, String... args) {
        try (RunningSnippet running = start(script, args)) {
            return running.finish(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /** Any ./jbang command, e.g. {@code build snippets/x.java}, run from the project root. */
    public static SnippetRun jbang(Duration limit, List<String> arguments) {
        try (RunningSnippet running = startJbang(arguments)) {
            return running.finish(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + arguments, e);
        }
    }

    /**
     * The JDK's own launcher, without JBang: {@code java ARGUMENTS} from the project root,
     * with the {@code java} of the JDK 25 that runs the tests.
     */
    public static SnippetRun plainJava(Duration limit, List<String> arguments) {
        Path root = Project.root();
        // The source launcher compiles the file with javac in the JVM it starts, which is most
        // of a run that only prints a usage line. These flags change how fast that JVM starts,
        // not what runs: C1 only and the serial GC (about a quarter less time). A dynamic
        // class-data archive would save more, but the JVM reports its mismatches on stdout.
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(arguments);
        try (RunningSnippet running = new RunningSnippet(command, root,
                String.join(" ", command).replace(root + "/", "./"), Map.of())) {
            return running.finish(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /**
     * Starts {@code script} with {@code args} as {@code ./jbang script args} would, and
     * returns at once. A snippet that ran through ./jbang before starts with the java command
     * JBang printed for it then (see {@link #JAVA_COMMANDS}); the process is the same.
     */
    public static RunningSnippet start(Path script, String... args) {
        Path file = script.toAbsolutePath().normalize();
        String java = javaCommand(file);
        if (java == null) {
            return startJbang(file, args);
        }
        List<String> command = new ArrayList<>(List.of("bash", "-c", "exec " + java
                + " \"$@\"", "bash"));            // bash: JBang quoted the command for it
        command.addAll(List.of(args));
        return start(command, readerCommand(file, args) + "   (the java command JBang chose)",
                Map.of());
    }

    /**
     * The java command that JBang chose for a script, kept from the script's first run through ./jbang (the wrapper writes it to JBANG_COMMAND_FILE before running
     * it). JBang's part of a run is to build the file once and print that command, which is
     * the same for every run of the unchanged file, so later runs start it directly and save
     * JBang's own JVM, about 0.9 s of CPU a run. The reader-style run ({@link #runOnce})
     * always goes through ./jbang. Only files that nothing changes while tests run: the
     * snippets, and the exercises' test scripts as ExercisesTest copies them (from git) to
     * tests/target/exercises/; not those in snippets/exercises/, which JBang rebuilds with
     * whatever a learner has written.
     */
    private static final Map<Path, String> JAVA_COMMANDS = new ConcurrentHashMap<>();
    /** Where a snippet's first ./jbang run writes its command, until it is read. */
    private static final Map<Path, Capture> CAPTURES = new ConcurrentHashMap<>();

    private record Capture(Path file, List<String> args) {}

    /** The java command kept for {@code file} without its arguments, or null. */
    private static String javaCommand(Path file) {
        Capture capture = CAPTURES.get(file);
        if (capture != null && !JAVA_COMMANDS.containsKey(file)) {
            try {
                String printed = Files.exists(capture.file())
                        ? Files.readString(capture.file()).strip() : "";
                // JBang appends the arguments, quoted only where bash needs it.
                String arguments = capture.args().stream().map(a -> " " + a)
                        .collect(Collectors.joining());
                boolean plain = capture.args().stream()
                        .allMatch(a -> UNQUOTED.matcher(a).matches());
                if (plain && printed.endsWith(arguments)
                        && printed.length() > arguments.length()) {
                    JAVA_COMMANDS.putIfAbsent(file, printed.substring(0,
                            printed.length() - arguments.length()));
                    CAPTURES.remove(file, capture);
                    Files.deleteIfExists(capture.file());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return JAVA_COMMANDS.get(file);
    }

    /** An argument that JBang passes on as it is, without quotes. */
    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z0-9_.,:/=+-]+");

    private static RunningSnippet startJbang(Path file, String... args) {
        Path root = Project.root();
        List<String> command = new ArrayList<>(List.of(root.resolve("jbang").toString(),
                root.relativize(file).toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = Map.of();
        boolean unchanging = file.getParent().equals(root.resolve("snippets"))
                || file.startsWith(root.resolve("tests/target/exercises"));
        if (unchanging && !JAVA_COMMANDS.containsKey(file)) {
            try {
                Path keep = Files.createTempFile("jbang-command-", ".txt");
                keep.toFile().deleteOnExit();   // if no later run reads it
                Capture previous = CAPTURES.put(file, new Capture(keep, List.of(args)));
                if (previous != null) Files.deleteIfExists(previous.file());
                environment = Map.of("JBANG_COMMAND_FILE", keep.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return start(command, readerCommand(file, args), environment);
    }

    private static RunningSnippet startJbang(List<String> arguments) {
        Path root = Project.root();
        List<String> command = new ArrayList<>(List.of(root.resolve("jbang").toString()));
        command.addAll(arguments);
        return start(command, String.join(" ", command), Map.of());
    }

    private static String readerCommand(Path file, String... args) {
        return Stream.concat(Stream.of("./jbang", Project.root().relativize(file).toString()),
                Stream.of(args)).collect(Collectors.joining(" "));
    }

    private static RunningSnippet start(List<String> command, String shown,
            Map<String, String> environment) {
        try {
            return new RunningSnippet(command, Project.root(), shown, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + shown, e);
        }
    }

    /** jcmd Thread.print for the process and each descendant that is a JVM. */
    static String threadDumpsOf(ProcessHandle process) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        var dumps = new StringBuilder();
        List<ProcessHandle> tree = Stream.concat(Stream.of(process), process.descendants()).toList();
        for (ProcessHandle handle : tree) {
            try {
                Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(handle.pid()),
                        "Thread.print").redirectErrorStream(true).start();
                dump.getOutputStream().close();
                byte[] text = dump.getInputStream().readAllBytes();  // jcmd ends on its own
                if (dump.waitFor(30, TimeUnit.SECONDS) && dump.exitValue() == 0) {
                    dumps.append("=== thread dump of pid ").append(handle.pid()).append(" (")
                            .append(handle.info().command().orElse("?")).append(") ===\n")
                            .append(new String(text, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                dumps.append("(jcmd failed for pid ").append(handle.pid()).append(": ")
                        .append(e.getMessage()).append(")\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return dumps.isEmpty() ? "(no JVM in the process tree answered jcmd)" : dumps.toString();
    }
}
