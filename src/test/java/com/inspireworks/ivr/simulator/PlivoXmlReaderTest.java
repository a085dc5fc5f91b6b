package com.inspireworks.ivr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.simulator.PlivoElement.Dial;
import com.inspireworks.ivr.simulator.PlivoElement.GetDigits;
import com.inspireworks.ivr.simulator.PlivoElement.Hangup;
import com.inspireworks.ivr.simulator.PlivoElement.Play;
import com.inspireworks.ivr.simulator.PlivoElement.Redirect;
import com.inspireworks.ivr.simulator.PlivoElement.Speak;
import com.inspireworks.ivr.simulator.PlivoElement.Wait;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reading Plivo XML: Plivo's defaults, and a clear message for every document Plivo would refuse. */
class PlivoXmlReaderTest {

    static List<PlivoElement> read(String xml) throws InvalidPlivoXmlException {
        return PlivoXmlReader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    static String refusal(String xml) {
        return assertThrows(InvalidPlivoXmlException.class, () -> read(xml)).getMessage();
    }

    @Test
    void getDigitsWithoutAttributesHasPlivosDefaults() throws InvalidPlivoXmlException {
        GetDigits menu = (GetDigits) read("<Response><GetDigits><Speak>Hi</Speak></GetDigits></Response>").get(0);
        assertEquals(Optional.empty(), menu.action());
        assertEquals("POST", menu.method());
        assertEquals(5, menu.timeout());
        assertEquals(2, menu.digitTimeout());
        assertEquals(Optional.of('#'), menu.finishOnKey());
        assertEquals(99, menu.numDigits());
        assertEquals(1, menu.retries());
        assertTrue(menu.redirect());
        assertEquals("1234567890*#", menu.validDigits());
        assertEquals(List.of(new Speak("Hi", "en-US", "WOMAN", 1)), menu.prompts());
    }

    @Test
    void whatTheAppRendersIsReadAttributeByAttribute() throws InvalidPlivoXmlException {
        List<PlivoElement> elements = read("""
                <Response>
                  <GetDigits action="https://x.example/h?attempt=1&amp;a=b" method="get" numDigits="1" timeout="7"
                      retries="2" redirect="false" finishOnKey="" validDigits="12" digitTimeout="3"
                      invalidDigitsSound="https://x.example/bad.wav">
                    <Speak language="es-MX" voice="Polly.Mia" loop="2">Para   español,
                      oprima 2.</Speak>
                    <Play>https://x.example/a.mp3</Play>
                  </GetDigits>
                  <Redirect method="GET"> https://x.example/next </Redirect>
                  <Dial action="https://x.example/d" timeout="30" callerId="+14155550100" redirect="false">
                    <Number>+14155550199</Number><User>sip:bob@x.example</User>
                  </Dial>
                  <Wait length="4"/>
                  <Hangup reason="rejected"/>
                </Response>""");
        GetDigits menu = (GetDigits) elements.get(0);
        assertEquals(Optional.of("https://x.example/h?attempt=1&a=b"), menu.action());
        assertEquals("GET", menu.method());
        assertEquals(Optional.empty(), menu.finishOnKey());
        assertEquals(List.of(new Speak("Para español, oprima 2.", "es-MX", "Polly.Mia", 2),
                new Play("https://x.example/a.mp3", 1)), menu.prompts());
        assertEquals(new Redirect("https://x.example/next", "GET"), elements.get(1));
        assertEquals(new Dial(Optional.of("https://x.example/d"), "POST", false, Optional.of(30),
                Optional.of("+14155550100"), List.of("+14155550199", "sip:bob@x.example")), elements.get(2));
        assertEquals(new Wait(4), elements.get(3));
        assertEquals(new Hangup(Optional.of("rejected"), 0), elements.get(4));
    }

    @Test
    void anEmptyResponseIsAnEmptyCall() throws InvalidPlivoXmlException {
        assertEquals(List.of(), read("<Response/>"));
        assertEquals(List.of(), read("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n</Response>"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<Response><Speak>x</Response>|not well-formed XML (line 1",
        "<html><body>502 Bad Gateway</body></html>|root element is <html>",
        "<response/>|root element is <response>",
        "<Response><Say>Twilio?</Say></Response>|<Say> inside <Response> is not a Plivo XML element",
        "<Response><Record/></Response>|<Record> is a Plivo element the simulator does not support",
        "<Response><GetDigits><Wait/></GetDigits></Response>|<GetDigits> may contain only <Speak> and <Play>",
        "<Response><GetDigits numDigits='0'/></Response>|numDigits=\"0\"> must be a whole number of at least 1",
        "<Response><GetDigits retries='two'/></Response>|retries=\"two\"> must be a whole number",
        "<Response><GetDigits finishOnKey='##'/></Response>|finishOnKey=\"##\"> must be one key",
        "<Response><GetDigits validDigits='12a'/></Response>|may list only 0-9, * and #",
        "<Response><GetDigits action='/relative'/></Response>|<GetDigits action> needs a fully qualified",
        "<Response><GetDigits method='PUT'/></Response>|must be GET or POST",
        "<Response><GetDigits redirect='yes'/></Response>|must be true or false",
        "<Response><Redirect>ftp://x.example/a</Redirect></Response>|<Redirect> needs a fully qualified",
        "<Response><Redirect/></Response>|<Redirect> needs a fully qualified",
        "<Response><Speak>  </Speak></Response>|<Speak> has no text",
        "<Response><Dial/></Response>|at least one <Number> or <User>",
        "<Response><Dial><Speak>x</Speak></Dial></Response>|<Dial> may contain only <Number> and <User>",
        "<Response><Dial><Number/></Dial></Response>|<Number> inside <Dial> is empty",
        "<Response><Wait length='0'/></Response>|length=\"0\"> must be a whole number of at least 1",
        "'   '|The document is empty",
    })
    void documentsPlivoWouldRefuseAreRefusedWithAClearMessage(String xml, String expected) {
        String message = refusal(xml);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void doctypesAreRefusedSoNoExternalEntityIsEverRead() {
        String message = refusal("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Response><Speak>&x;</Speak></Response>");
        assertTrue(message.contains("not well-formed XML"), message);
        assertTrue(message.contains("DOCTYPE"), message);
    }
}
