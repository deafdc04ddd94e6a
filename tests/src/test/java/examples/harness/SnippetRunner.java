package examples.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a snippet as a reader would ({@code ./jbang snippets/x.java args}), as its own process,
 * time-boxed (see {@link RunningSnippet} to interact with it while it runs). On a hang it takes a thread dump of every JVM in the process tree (jcmd), then
 * kills the tree, so a stuck snippet fails fast and says where it was stuck.
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
        return RUNS.computeIfAbsent(snippet.name(), name -> run(snippet.file(), DEFAULT_LIMIT));
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
        try (RunningSnippet running = new RunningSnippet(command, root)) {
            return running.finish(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Starts {@code script} with {@code args}, as a reader would, and returns at once. */
    public static RunningSnippet start(Path script, String... args) {
        List<String> arguments = new ArrayList<>(List.of(
                Project.root().relativize(script.toAbsolutePath()).toString()));
        arguments.addAll(List.of(args));
        return startJbang(arguments);
    }

    private static RunningSnippet startJbang(List<String> arguments) {
        Path root = Project.root();
        List<String> command = new ArrayList<>(List.of(root.resolve("jbang").toString()));
        command.addAll(arguments);
        try {
            return new RunningSnippet(command, root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
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
