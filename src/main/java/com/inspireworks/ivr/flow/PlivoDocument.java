package com.inspireworks.ivr.flow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A rendered Plivo XML document, ready to be written to any number of responses. Immutable. */
public final class PlivoDocument {

    private final byte[] bytes;

    PlivoDocument(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** The document as text, for logs and tests. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
