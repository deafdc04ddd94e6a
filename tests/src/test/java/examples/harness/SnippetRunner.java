package examples.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * time-boxed. On a hang it takes a thread dump of every JVM in the process tree (jcmd), then
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
        List<String> arguments = new ArrayList<>(List.of(
                Project.root().relativize(script.toAbsolutePath()).toString()));
        arguments.addAll(List.of(args));
        return jbang(limit, arguments);
    }

    /** Any ./jbang command, e.g. {@code build snippets/x.java}, run from the project root. */
    public static SnippetRun jbang(Duration limit, List<String> arguments) {
        Path root = Project.root();
        List<String> command = new ArrayList<>(List.of(root.resolve("jbang").toString()));
        command.addAll(arguments);
        try {
            return runProcess(command, root, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static SnippetRun runProcess(List<String> command, Path dir, Duration limit)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        process.getOutputStream().close();   // no stdin: a snippet that reads it sees EOF
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        // Drain both pipes while the process runs; a full pipe would block the snippet.
        Thread outReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), stdout));
        Thread errReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), stderr));

        String threadDumps = null;
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            threadDumps = threadDumpsOf(process.toHandle());
            destroyTree(process.toHandle());
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        outReader.join(Duration.ofSeconds(10));
        errReader.join(Duration.ofSeconds(10));
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        String out = stdout.toString(StandardCharsets.UTF_8);
        List<String> lines = out.isEmpty() ? List.of() : List.of(out.split("\\R", -1));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) lines = lines.subList(0, lines.size() - 1);
        return new SnippetRun(String.join(" ", command).replace(dir + "/", "./"), exitCode, lines,
                stderr.toString(StandardCharsets.UTF_8), elapsed, limit, threadDumps);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                synchronized (out) { out.write(buffer, 0, n); }
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: what we read so far is the output
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

    private static void destroyTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
