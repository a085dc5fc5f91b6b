package com.inspireworks.ivr.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * How tests reach the operator's pages (call form, simulator): the one place to add credentials once operator
 * pages require a login.
 */
public final class OperatorAccess {

    private OperatorAccess() {
    }

    /** An HTTP client for the operator's pages and JSON API of {@code ivr}. */
    public static Http http(EmbeddedIvr ivr) {
        return new Http(ivr.baseUrl());
    }

    /** The URL a browser opens to reach the operator's call form. */
    public static String browserUrl(EmbeddedIvr ivr) {
        return ivr.baseUrl() + "/";
    }

    /** A port that was free a moment ago, for an application that must know its own public URL before it starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
