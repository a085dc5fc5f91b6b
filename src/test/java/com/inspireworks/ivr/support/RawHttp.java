package com.inspireworks.ivr.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for what the JDK client cannot do:
 * <ul>
 * <li>send a request target exactly as written ({@code %zz} in the query, which {@link URI} refuses);</li>
 * <li>read the early answer to a body the server refuses without reading it. Tomcat answers (413) and then closes
 * the connection with the rest of the body unread once it exceeds {@code maxSwallowSize} (2 MB); the JDK client,
 * still sending, fails on the reset and never shows the answer that had already arrived ("header parser received no
 * bytes", seen on CI). Here the body is written on its own thread, which stops quietly when the server closes, while
 * this thread reads the answer, so the answer is what the test sees, every time.</li>
 * </ul>
 */
public final class RawHttp {

    private static final int CHUNK = 64 * 1024;

    private RawHttp() {
    }

    /**
     * Sends {@code method target} to 127.0.0.1:{@code port} with the given headers (Host, Content-Length and
     * {@code Connection: close} are added) and body, and returns the answer.
     */
    public static HttpResponse<String> exchange(int port, String method, String target, Map<String, String> headers,
            byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> writeQuietly(out, body), "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            byte[] answer = readAnswer(socket.getInputStream());
            socket.close();
            writer.join(30_000);
            return parse(answer, uriOf(port, target), method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uriOf(int port, String target) {
        try {
            return URI.create("http://127.0.0.1:" + port + target.replace("%", "%25"));
        } catch (IllegalArgumentException notAUri) {
            return URI.create("http://127.0.0.1:" + port + "/");
        }
    }

    /** The body, in pieces; once the server has closed the connection the rest is not wanted, and not an error. */
    private static void writeQuietly(OutputStream out, byte[] body) {
        try {
            for (int offset = 0; offset < body.length; offset += CHUNK) {
                out.write(body, offset, Math.min(CHUNK, body.length - offset));
            }
            out.flush();
        } catch (IOException serverStoppedReading) {
            // the answer, if there is one, is already on its way to the reader
        }
    }

    /**
     * Everything the server sent until it closed. A reset after the server's answer (it closed with our body
     * unread) ends the answer; a reset before any byte arrived is the failure it is.
     */
    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            if (answer.size() == 0) {
                throw reset;
            }
        }
        return answer.toByteArray();
    }

    private static HttpResponse<String> parse(byte[] answer, URI uri, String method) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("incomplete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        byte[] rest = Arrays.copyOfRange(answer, end + 4, answer.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            rest = dechunk(rest);
        }
        return new Answer(status, HttpHeaders.of(headers, (name, value) -> true),
                new String(rest, StandardCharsets.UTF_8), uri, method);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    /** The answer, shaped like the JDK client's so tests check both the same way. */
    private record Answer(int statusCode, HttpHeaders headers, String body, URI uri, String method)
            implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
