package dev.jsonarena.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example service answers the way its javadoc promises: counts for good array and NDJSON
 * bodies, 400 with the position for bad JSON, 413 for a limit or a budget, never a 500, and the
 * pool back to nothing in use.
 */
class LogIngestServerTest {
    private LogIngestServer service;

    @BeforeEach
    void start() throws IOException {
        service = new LogIngestServer(0, 64L << 20, 4L << 20);
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    record Answer(int status, String body, String connection) {}

    private Answer post(String contentType, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + service.port() + "/logs").toURL()
                .openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        if (contentType != null) {
            c.setRequestProperty("Content-Type", contentType);
        }
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return new Answer(status, bytes.toString(StandardCharsets.UTF_8), c.getHeaderField("Connection"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void countsTheRecordsOfAnArrayByLevel() throws IOException {
        Answer a = post("application/json", utf8("[{\"level\":\"INFO\"},{\"level\":\"WARN\"},{\"level\":\"INFO\"},{\"x\":1}]"));
        assertEquals(200, a.status());
        assertEquals("{\"records\":4,\"levels\":{\"(none)\":1,\"INFO\":2,\"WARN\":1}}", a.body());
    }

    @Test
    void countsTheRecordsOfNdjsonByLevel() throws IOException {
        Answer a = post("application/x-ndjson", utf8("{\"level\":\"INFO\"}\n\n{\"level\":\"ERROR\"}\r\n{\"level\":\"INFO\"}"));
        assertEquals(200, a.status());
        assertEquals("{\"records\":3,\"levels\":{\"ERROR\":1,\"INFO\":2}}", a.body());
    }

    @Test
    void badJsonIs400WithItsPosition() throws IOException {
        Answer a = post("application/json", utf8("[{\"level\":\"INFO\"},\n {\"level\" \"WARN\"}]"));
        assertEquals(400, a.status());
        assertTrue(a.body().contains("\"line\":2") && a.body().contains("\"column\":11") && a.body().contains("\"offset\":29"),
                a.body());
        Answer r = post("application/x-ndjson", utf8("{\"level\":\"INFO\"}\n{\"level\":}\n"));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("record 2"), r.body());
    }

    @Test
    void limitsAndBudgetsAre413AndALongBodyClosesTheConnection() throws IOException {
        assertEquals(413, post("application/json", utf8("[".repeat(600) + "]".repeat(600))).status());
        byte[] huge = new byte[6 << 20]; // a 6 MiB string: past the 4 MiB budget
        java.util.Arrays.fill(huge, (byte) 'x');
        huge[0] = '"';
        huge[huge.length - 1] = '"';
        Answer a = post("application/json", huge);
        assertEquals(413, a.status(), a.body());
        assertEquals("close", a.connection());
        assertEquals(200, post("application/json", utf8("[{\"level\":\"INFO\"}]")).status(), "the service goes on");
        assertEquals(0, service.pool().stats().inUseBytes());
    }

    @Test
    void statsReportThePoolWithNothingInUseBetweenRequests() throws IOException {
        assertEquals(200, post("application/json", utf8("[{\"level\":\"INFO\"}]")).status());
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + service.port() + "/stats").toURL()
                .openConnection();
        assertEquals(200, c.getResponseCode());
        String body;
        try (InputStream in = c.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(body.contains("\"inUseBytes\":0,") && body.contains("\"openArenas\":0,")
                && body.contains("\"capBytes\":" + (64L << 20) + ","), body);
        assertTrue(body.matches(".*\"reservedBytes\":[1-9][0-9]*,.*"), "the request's memory stays reserved: " + body);
    }
}
