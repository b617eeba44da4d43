package io.bookstore.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hostile requests of src/test/resources/hostile (its README describes the format), ready to send. */
final class HostileCorpus {

    private static final String FOLDER = "/hostile/";
    private static final Pattern REPEAT = Pattern.compile("@repeat:(\\d+):(.*?)@end", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: the endpoint it aims at (for the counts), where it goes, and its exact bytes. */
    record HostileRequest(String endpoint, String target, String method, byte[] path, Map<String, String> headers,
                          byte[] body, String note) {
        @Override
        public String toString() {
            String shownPath = new String(path, StandardCharsets.ISO_8859_1);
            return target + " " + method + " " + (shownPath.length() > 120 ? shownPath.substring(0, 120) + "..." : shownPath)
                    + " (" + note + ")";
        }
    }

    private final Map<String, String> fixtures;

    /** fixtures: the values of {item}, {user}, {order}, {stockUrl}, {paymentUrl}. */
    HostileCorpus(Map<String, String> fixtures) {
        this.fixtures = fixtures;
    }

    List<HostileRequest> load() {
        List<HostileRequest> requests = new ArrayList<>();
        cross(lines("ids.txt"), lines("id-endpoints.txt"), "{id}", "hostile id", requests);
        cross(lines("numbers.txt"), lines("number-endpoints.txt"), "{n}", "hostile number", requests);
        for (String method : lines("methods.txt")) {
            for (String endpoint : lines("method-endpoints.txt")) {
                String[] parts = endpoint.split(" ", 2);
                requests.add(request(parts[0] + " " + method + " " + parts[1], parts[0], method, parts[1], Map.of(),
                        "", "unknown method"));
            }
        }
        JsonNode headers = json("headers.json");
        for (JsonNode endpoint : headers.path("endpoints")) {
            String[] parts = endpoint.asText().split(" ", 3);
            for (JsonNode headerSet : headers.path("headerSets")) {
                requests.add(request(endpoint.asText(), parts[0], parts[1], parts[2], strings(headerSet), "",
                        "forged headers " + String.join(",", strings(headerSet).keySet())));
            }
        }
        for (JsonNode request : json("requests.json")) {
            String target = request.path("target").asText();
            String method = request.path("method").asText();
            String path = request.path("path").asText();
            requests.add(request(target + " " + method + " " + path.split("\\?")[0], target, method, path,
                    strings(request.path("headers")), request.path("body").asText(""), request.path("note").asText()));
        }
        return requests;
    }

    private void cross(List<String> values, List<String> endpoints, String placeholder, String note,
                       List<HostileRequest> requests) {
        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ", 3);
            for (String value : values) {
                requests.add(request(endpoint, parts[0], parts[1], parts[2].replace(placeholder, value), Map.of(), "",
                        note + " " + value));
            }
        }
    }

    private HostileRequest request(String endpoint, String target, String method, String path, Map<String, String> headers,
                                   String body, String note) {
        Map<String, String> resolvedHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> resolvedHeaders.put(name, new String(bytes(value), StandardCharsets.ISO_8859_1)));
        return new HostileRequest(endpoint, target, method, bytes(path), resolvedHeaders, bytes(body), note);
    }

    /** Fills in the fixtures, expands @repeat, and turns \xNN into the raw byte; everything else is UTF-8. */
    private byte[] bytes(String text) {
        String resolved = text;
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            resolved = resolved.replace("{" + fixture.getKey() + "}", fixture.getValue());
        }
        Matcher repeat = REPEAT.matcher(resolved);
        StringBuilder expanded = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(expanded, Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        repeat.appendTail(expanded);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String chars = expanded.toString();
        for (int i = 0; i < chars.length(); ) {
            if (chars.startsWith("\\x", i) && i + 4 <= chars.length() && chars.substring(i + 2, i + 4).matches("[0-9A-Fa-f]{2}")) {
                out.write(Integer.parseInt(chars.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int codePoint = chars.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return out.toByteArray();
    }

    private static List<String> lines(String file) {
        return text(file).lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static JsonNode json(String file) {
        try {
            return JSON.readTree(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static String text(String file) {
        try (InputStream in = HostileCorpus.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + FOLDER + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }
}
