package com.inspireworks.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.inspireworks.ivr.support.PlivoXmlDoc;
import com.plivo.api.xml.Play;
import com.plivo.api.xml.Response;
import com.plivo.api.xml.Speak;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class PlivoXmlTest {

    private static final String HOSTILE_TEXT = "Tom & Jerry <Hangup/> say \"hi\" ' ñ 日本";
    private static final String HOSTILE_URL = "https://x.example/a.mp3?a=1&b=2\"><Dial>";

    private static Response hostile() throws Exception {
        return new Response().children(
                new Speak(HOSTILE_TEXT).language("en-US").voice("WOMAN"),
                new Play(HOSTILE_URL));
    }

    @Test
    void escapesTextAndKeepsItExactly() throws Exception {
        String xml = new String(new PlivoXml().render(hostile()), StandardCharsets.UTF_8);
        PlivoXmlDoc doc = PlivoXmlDoc.parse(xml);
        assertEquals(2, doc.elements().size(), "no injected elements");
        Element speak = doc.first("Speak");
        assertEquals(HOSTILE_TEXT, speak.getTextContent());
        assertEquals("en-US", speak.getAttribute("language"));
        assertEquals(HOSTILE_URL, doc.first("Play").getTextContent());
    }

    @Test
    void theSdksOwnSerializerWouldBreakTheDocument() throws Exception {
        // Why PlivoXml exists: plivo-java's toXmlString() does not escape, so the same tree is not even XML.
        String sdk = hostile().toXmlString();
        assertThrows(AssertionError.class, () -> PlivoXmlDoc.parse(sdk));
    }

    @Test
    void rendersWithoutDeclarationInUtf8() throws Exception {
        byte[] bytes = new PlivoXml().render(new Response().children(new Speak("Adiós").language("es-MX")
                .voice("Polly.Mia")));
        String xml = new String(bytes, StandardCharsets.UTF_8);
        assertEquals("Adiós", PlivoXmlDoc.parse(xml).first("Speak").getTextContent());
        assertEquals('<', xml.charAt(0));
        assertEquals("<Response>", xml.substring(0, 10));
    }
}
