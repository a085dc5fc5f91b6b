package com.inspireworks.ivr.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The early answer to a refused body is read even when the server resets the connection right after it. */
class RawHttpTest {

    @Test
    void readsTheAnswerAServerSendsBeforeResettingTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread refuser = new Thread(() -> refuseUnread(server));
            refuser.start();
            HttpResponse<String> answer = RawHttp.exchange(server.getLocalPort(), "POST", "/ivr/welcome",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "Digits=1".repeat(8 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
            refuser.join(10_000);
            assertEquals(413, answer.statusCode());
            assertEquals("too large", answer.body());
            assertEquals("text/plain", answer.headers().firstValue("content-type").orElse(""));
        }
    }

    /** As Tomcat does over maxSwallowSize: answers after the headers, then closes with the body unread (a reset). */
    private static void refuseUnread(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            socket.getOutputStream().write(("HTTP/1.1 413 Payload Too Large\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 9\r\nConnection: close\r\n\r\ntoo large").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(100);
            socket.setSoLinger(true, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
