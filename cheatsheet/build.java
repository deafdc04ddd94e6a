///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DEPS org.asciidoctor:asciidoctorj:3.0.1
//DEPS org.asciidoctor:asciidoctorj-pdf:2.3.23
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -Xss4m --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
//DESCRIPTION Builds the cheat sheet (PDF and HTML) from cheatsheet.adoc; fails on any warning

/*
 * The cheat sheet's code is included from tagged regions of the real snippets
 * (include::{snippets}/race.java[tag=core]), so it cannot drift from what the tests run.
 * Asciidoctor only warns about a missing tag or file; here every warning fails the build.
 *
 *   ./jbang cheatsheet/build.java [OUTPUT_DIR]     (default: build/cheatsheet)
 */
import java.io.File;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.log.LogRecord;
import org.asciidoctor.log.Severity;

void main(String[] args) {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
        boolean help = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
        (help ? System.out : System.err).println("usage: build.java [OUTPUT_DIR]");
        System.exit(help ? 0 : 2);
    }
    File root = new File(".").getAbsoluteFile();
    File source = new File(root, "cheatsheet/cheatsheet.adoc");
    File out = new File(root, args.length == 1 ? args[0] : "build/cheatsheet");
    var problems = new CopyOnWriteArrayList<String>();
    try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
        asciidoctor.registerLogHandler((LogRecord log) -> {
            String where = log.getCursor() == null ? ""
                    : log.getCursor().getFile() + ":" + log.getCursor().getLineNumber() + ": ";
            String line = log.getSeverity() + ": " + where + log.getMessage();
            System.err.println(line);
            if (log.getSeverity().compareTo(Severity.WARN) >= 0) problems.add(line);
        });
        for (String backend : new String[] {"pdf", "html5"}) {
            String name = backend.equals("pdf") ? "cheatsheet.pdf" : "cheatsheet.html";
            asciidoctor.convertFile(source, Options.builder()
                    .backend(backend).safe(SafeMode.SAFE).baseDir(root)
                    .toFile(new File(out, name)).mkDirs(true)
                    .attributes(Attributes.builder()
                            .attribute("snippets", new File(root, "snippets").getPath())
                            .attribute("pdf-themesdir", new File(root, "cheatsheet").getPath())
                            .build())
                    .build());
        }
    }
    if (!problems.isEmpty()) {
        System.err.println("cheat sheet: " + problems.size() + " warning(s) or error(s): failed");
        System.exit(1);
    }
    System.out.println("cheat sheet: " + out + "/cheatsheet.pdf and cheatsheet.html");
}
