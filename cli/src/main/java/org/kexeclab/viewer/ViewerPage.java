package org.kexeclab.viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one self-contained HTML page from a template kept as a resource next to this class:
 * the style sheet and scripts are inlined from their own resources, the data follows as a JSON
 * header and gzip-compressed, base64-coded blobs (the page inflates them with the browser's own
 * {@code DecompressionStream}), and a {@code <noscript>} summary says the essentials in plain
 * HTML. Nothing is fetched when the page opens: no network, no server.
 */
final class ViewerPage {
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z]+)@@");

    private final String template;
    private final List<String> styles;
    private final List<String> scripts;
    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private String title = "";
    private String header = "{}";
    private String noscript = "";

    /**
     * A page from {@code template} with the style sheets {@code styles} and the scripts
     * {@code scripts} (resource names next to this class, inlined in that order).
     */
    ViewerPage(String template, List<String> styles, List<String> scripts) {
        this.template = resource(template);
        this.styles = styles;
        this.scripts = scripts;
    }

    /** The page's title (plain text). */
    ViewerPage title(String text) {
        this.title = text;
        return this;
    }

    /** The JSON header the scripts read first. */
    ViewerPage header(String json) {
        this.header = json;
        return this;
    }

    /** The summary shown without JavaScript (HTML). */
    ViewerPage noscript(String html) {
        this.noscript = html;
        return this;
    }

    /** Adds a blob the scripts find as {@code blob-NAME}. */
    ViewerPage blob(String name, byte[] bytes) {
        blobs.put(name, bytes);
        return this;
    }

    /** Writes the page. */
    void write(Writer out) throws IOException {
        StringBuilder css = new StringBuilder();
        for (String s : styles) {
            css.append(resource(s));
        }
        StringBuilder js = new StringBuilder();
        for (String s : scripts) {
            js.append("<script>\n").append(resource(s).replace("</script", "<\\/script")).append("</script>\n");
        }
        String[] parts = template.split("@@DATA@@", -1);
        if (parts.length != 2) {
            throw new IllegalStateException("the viewer template must hold @@DATA@@ once");
        }
        out.write(fill(parts[0], css, js));
        out.write("<script type=\"application/json\" id=\"kexec-header\">");
        out.write(header.replace("<", "\\u003c"));   // no tag, comment or script end can start inside the data
        out.write("</script>\n");
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            out.write("<script type=\"application/octet-stream\" id=\"blob-" + b.getKey() + "\">");
            out.write(Base64.getEncoder().encodeToString(gzip(b.getValue())));
            out.write("</script>\n");
        }
        out.write(fill(parts[1], css, js));
    }

    /** {@code part} with each placeholder replaced, in one pass over the template's own text. */
    private String fill(String part, CharSequence css, CharSequence js) {
        Matcher m = PLACEHOLDER.matcher(part);
        StringBuilder b = new StringBuilder(part.length() + css.length() + js.length() + noscript.length());
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "TITLE" -> Html.escape(title);
                case "STYLE" -> css.toString();
                case "NOSCRIPT" -> noscript;
                case "SCRIPTS" -> js.toString();
                default -> throw new IllegalStateException("unknown placeholder " + m.group() + " in the viewer template");
            };
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return b.toString();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream z = new GZIPOutputStream(buf, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** The text of resource {@code name} next to this class. */
    static String resource(String name) {
        try (InputStream in = ViewerPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the viewer resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the viewer resource " + name, e);
        }
    }
}
