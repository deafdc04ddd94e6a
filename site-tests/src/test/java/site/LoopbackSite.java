package site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built site served on loopback the way GitHub Pages serves it: under the path of its
 * {@code site_url} (read from sitemap.xml), a folder answers with its index.html, and a missing
 * path answers 404 with the site's own 404.html.
 */
final class LoopbackSite implements AutoCloseable {
    private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("pdf", "application/pdf"), Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("gz", "application/gzip"));

    private final Path dir;
    private final HttpServer server;
    private final String prefix;
    private final List<String> pageUrls;

    private LoopbackSite(Path dir) throws IOException {
        this.dir = dir;
        String sitemap = Files.readString(dir.resolve("sitemap.xml"));
        Matcher loc = LOC.matcher(sitemap);
        List<String> locs = loc.results().map(m -> m.group(1).strip()).toList();
        if (locs.isEmpty()) {
            throw new IllegalStateException("sitemap.xml lists no page: " + sitemap);
        }
        this.prefix = URI.create(locs.getFirst()).getPath();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String home = locs.getFirst();
        this.pageUrls = locs.stream().map(u -> base() + u.substring(home.length())).toList();
    }

    static LoopbackSite serve(Path dir) {
        try {
            return new LoopbackSite(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + dir + " (build the site first)", e);
        }
    }

    /** The home page's address, ending in "/". */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Every page of the sitemap, as a loopback address. */
    List<String> pages() {
        return pageUrls;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = path.startsWith(prefix) ? dir.resolve(path.substring(prefix.length()))
                    .normalize() : null;
            if (file != null && Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            int status = 200;
            if (file == null || !file.startsWith(dir) || !Files.isRegularFile(file)) {
                status = 404;
                file = dir.resolve("404.html");
            }
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1),
                    "application/octet-stream");
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
