package com.inspireworks.ivr.flow;

import com.plivo.api.xml.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.bind.JAXBContext;
import javax.xml.bind.JAXBException;
import javax.xml.bind.Marshaller;

/**
 * Renders plivo-java's {@link Response} element tree to XML bytes.
 *
 * <p>We do not use the SDK's {@code toXmlString()}: it disables JAXB's escaping (so {@code &}, {@code <} or {@code "}
 * in a prompt or URL break the document or inject attributes) and builds a new {@link JAXBContext} for every call.
 * Here one context is created up front (it is thread-safe) and each call takes a fresh, cheap {@link Marshaller}
 * with JAXB's standard escaping.
 */
public final class PlivoXml {

    private final JAXBContext context;

    public PlivoXml() {
        try {
            this.context = JAXBContext.newInstance(Response.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot initialise JAXB for Plivo XML", e);
        }
    }

    /** The document as UTF-8 bytes, without an XML declaration (Plivo does not need one). */
    public byte[] render(Response response) {
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            marshaller.marshal(response, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot render Plivo XML", e);
        }
    }
}
