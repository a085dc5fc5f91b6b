package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.simulator.PlivoElement.Dial;
import com.inspireworks.ivr.simulator.PlivoElement.GetDigits;
import com.inspireworks.ivr.simulator.PlivoElement.Hangup;
import com.inspireworks.ivr.simulator.PlivoElement.Play;
import com.inspireworks.ivr.simulator.PlivoElement.Prompt;
import com.inspireworks.ivr.simulator.PlivoElement.Redirect;
import com.inspireworks.ivr.simulator.PlivoElement.Speak;
import com.inspireworks.ivr.simulator.PlivoElement.Wait;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a Plivo XML document into {@link PlivoElement}s, applying Plivo's attribute defaults and refusing what Plivo
 * would refuse, with a message that says exactly what is wrong. Thread-safe: each call gets its own parser.
 *
 * <p>Defaults (Plivo's XML reference): Speak language {@code en-US}, voice {@code WOMAN}, loop 1; Play loop 1;
 * GetDigits method POST, timeout 5, digitTimeout 2, finishOnKey {@code #}, numDigits 99, retries 1, redirect true,
 * validDigits {@code 1234567890*#}; Redirect method POST; Dial method POST, redirect true, no timeout; Wait length 1.
 * DOCTYPE declarations are refused, so no external entity is ever resolved.
 */
public final class PlivoXmlReader {

    static final String ALL_KEYS = "1234567890*#";

    /** Plivo elements the simulator recognises but does not act out. */
    private static final Set<String> UNSUPPORTED = Set.of("Conference", "DTMF", "GetInput", "Message",
            "MultiPartyCall", "PreAnswer", "Record", "Stream", "AudioStream");

    private static final DocumentBuilderFactory FACTORY = factory();

    private PlivoXmlReader() {
    }

    /** The elements directly under {@code <Response>}, in order. */
    public static List<PlivoElement> read(byte[] document) throws InvalidPlivoXmlException {
        Element root = parse(document);
        if (!root.getTagName().equals("Response")) {
            throw new InvalidPlivoXmlException("The document's root element is <" + root.getTagName()
                    + ">; Plivo XML must start with <Response>.");
        }
        List<PlivoElement> elements = new ArrayList<>();
        for (Element child : children(root)) {
            elements.add(element(child));
        }
        return List.copyOf(elements);
    }

    private static PlivoElement element(Element e) throws InvalidPlivoXmlException {
        return switch (e.getTagName()) {
            case "Speak", "Play" -> prompt(e);
            case "GetDigits" -> getDigits(e);
            case "Redirect" -> new Redirect(url("Redirect", text(e)), method(e, "method"));
            case "Dial" -> dial(e);
            case "Wait" -> new Wait(number(e, "length", 1, 1));
            case "Hangup" -> new Hangup(optional(e, "reason"), number(e, "schedule", 0, 0));
            default -> throw unknown(e, "inside <Response>");
        };
    }

    private static Prompt prompt(Element e) throws InvalidPlivoXmlException {
        if (e.getTagName().equals("Play")) {
            return new Play(url("Play", text(e)), number(e, "loop", 1, 0));
        }
        String text = text(e).replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            throw new InvalidPlivoXmlException("<Speak> has no text to say.");
        }
        return new Speak(text, optional(e, "language").orElse("en-US"), optional(e, "voice").orElse("WOMAN"),
                number(e, "loop", 1, 0));
    }

    private static GetDigits getDigits(Element e) throws InvalidPlivoXmlException {
        List<Prompt> prompts = new ArrayList<>();
        for (Element child : children(e)) {
            if (!child.getTagName().equals("Speak") && !child.getTagName().equals("Play")) {
                throw new InvalidPlivoXmlException("<GetDigits> may contain only <Speak> and <Play>, found <"
                        + child.getTagName() + ">.");
            }
            prompts.add(prompt(child));
        }
        Optional<String> action = optional(e, "action");
        if (action.isPresent()) {
            url("GetDigits action", action.get());
        }
        Optional<String> sound = optional(e, "invalidDigitsSound");
        if (sound.isPresent()) {
            url("GetDigits invalidDigitsSound", sound.get());
        }
        String validDigits = e.hasAttribute("validDigits") ? e.getAttribute("validDigits") : ALL_KEYS;
        for (char c : validDigits.toCharArray()) {
            if (ALL_KEYS.indexOf(c) < 0) {
                throw new InvalidPlivoXmlException("<GetDigits validDigits=\"" + validDigits
                        + "\"> may list only 0-9, * and #.");
            }
        }
        return new GetDigits(action, method(e, "method"), number(e, "timeout", 5, 1),
                number(e, "digitTimeout", 2, 1), finishOnKey(e), number(e, "numDigits", 99, 1),
                number(e, "retries", 1, 1), bool(e, "redirect", true), validDigits, sound, prompts);
    }

    private static Optional<Character> finishOnKey(Element e) throws InvalidPlivoXmlException {
        if (!e.hasAttribute("finishOnKey")) {
            return Optional.of('#');
        }
        String value = e.getAttribute("finishOnKey").strip();
        if (value.isEmpty() || value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (value.length() != 1 || ALL_KEYS.indexOf(value.charAt(0)) < 0) {
            throw new InvalidPlivoXmlException("<GetDigits finishOnKey=\"" + value
                    + "\"> must be one key (0-9, * or #), empty or none.");
        }
        return Optional.of(value.charAt(0));
    }

    private static Dial dial(Element e) throws InvalidPlivoXmlException {
        List<String> numbers = new ArrayList<>();
        for (Element child : children(e)) {
            if (!child.getTagName().equals("Number") && !child.getTagName().equals("User")) {
                throw new InvalidPlivoXmlException("<Dial> may contain only <Number> and <User>, found <"
                        + child.getTagName() + ">.");
            }
            String target = text(child);
            if (target.isEmpty()) {
                throw new InvalidPlivoXmlException("<" + child.getTagName() + "> inside <Dial> is empty.");
            }
            numbers.add(target);
        }
        if (numbers.isEmpty()) {
            throw new InvalidPlivoXmlException("<Dial> must contain at least one <Number> or <User>.");
        }
        Optional<String> action = optional(e, "action");
        if (action.isPresent()) {
            url("Dial action", action.get());
        }
        Optional<Integer> timeout = e.hasAttribute("timeout")
                ? Optional.of(number(e, "timeout", 0, 1))
                : Optional.empty();
        return new Dial(action, method(e, "method"), bool(e, "redirect", true), timeout, optional(e, "callerId"),
                numbers);
    }

    private static String url(String what, String value) throws InvalidPlivoXmlException {
        String url = value.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException ex) {
            // reported below
        }
        throw new InvalidPlivoXmlException("<" + what + "> needs a fully qualified http(s) URL, got '"
                + shorten(url) + "'.");
    }

    private static String method(Element e, String attribute) throws InvalidPlivoXmlException {
        if (!e.hasAttribute(attribute)) {
            return "POST";
        }
        String method = e.getAttribute(attribute).strip().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new InvalidPlivoXmlException("<" + e.getTagName() + " " + attribute + "=\""
                    + shorten(e.getAttribute(attribute)) + "\"> must be GET or POST.");
        }
        return method;
    }

    private static int number(Element e, String attribute, int fallback, int min) throws InvalidPlivoXmlException {
        if (!e.hasAttribute(attribute)) {
            return fallback;
        }
        String raw = e.getAttribute(attribute).strip();
        try {
            int value = Integer.parseInt(raw);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException ex) {
            // reported below
        }
        throw new InvalidPlivoXmlException("<" + e.getTagName() + " " + attribute + "=\"" + shorten(raw)
                + "\"> must be a whole number of at least " + min + ".");
    }

    private static boolean bool(Element e, String attribute, boolean fallback) throws InvalidPlivoXmlException {
        if (!e.hasAttribute(attribute)) {
            return fallback;
        }
        String raw = e.getAttribute(attribute).strip().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidPlivoXmlException("<" + e.getTagName() + " " + attribute + "=\""
                    + shorten(raw) + "\"> must be true or false.");
        };
    }

    private static Optional<String> optional(Element e, String attribute) {
        String value = e.getAttribute(attribute).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String text(Element e) {
        return e.getTextContent().strip();
    }

    private static InvalidPlivoXmlException unknown(Element e, String where) {
        String name = e.getTagName();
        if (UNSUPPORTED.contains(name)) {
            return new InvalidPlivoXmlException("<" + name + "> is a Plivo element the simulator does not support;"
                    + " it supports Speak, Play, GetDigits, Redirect, Dial, Wait and Hangup.");
        }
        return new InvalidPlivoXmlException("<" + name + "> " + where + " is not a Plivo XML element: Plivo would"
                + " end the call.");
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                elements.add(child);
            }
        }
        return elements;
    }

    private static Element parse(byte[] document) throws InvalidPlivoXmlException {
        if (document.length == 0 || new String(document, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidPlivoXmlException("The document is empty; Plivo expects <Response>...</Response>.");
        }
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(SILENT);
            return builder.parse(new ByteArrayInputStream(document)).getDocumentElement();
        } catch (SAXParseException e) {
            throw new InvalidPlivoXmlException("The document is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage() + ").");
        } catch (SAXException | IOException e) {
            throw new InvalidPlivoXmlException("The document is not well-formed XML (" + e.getMessage() + ").");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }

    /** The default handler prints parse errors to stderr; the exception carries them already. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXParseException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXParseException {
            throw exception;
        }
    };
}
