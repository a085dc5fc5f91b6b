package com.inspireworks.ivr.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A parsed Plivo XML document, for assertions on elements and attributes rather than on strings. */
public final class PlivoXmlDoc {

    private final Element root;

    private PlivoXmlDoc(Element root) {
        this.root = root;
    }

    /** Parses the text; fails the calling test with the parser's message when it is not well-formed XML. */
    public static PlivoXmlDoc parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            if (!root.getTagName().equals("Response")) {
                throw new AssertionError("Root element is <" + root.getTagName() + ">, not <Response>: " + xml);
            }
            return new PlivoXmlDoc(root);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML (" + e.getMessage() + "): " + xml, e);
        }
    }

    /** The elements directly under {@code <Response>}, in order. */
    public List<Element> elements() {
        return children(root);
    }

    /** Tag names directly under {@code <Response>}, in order, e.g. [GetDigits, Speak, Speak, Hangup]. */
    public List<String> tags() {
        return elements().stream().map(Element::getTagName).toList();
    }

    public Element first(String tag) {
        return find(tag).orElseThrow(() -> new AssertionError("No <" + tag + "> in " + tags()));
    }

    public Optional<Element> find(String tag) {
        return elements().stream().filter(e -> e.getTagName().equals(tag)).findFirst();
    }

    /** Every element with this tag anywhere in the document. */
    public List<Element> all(String tag) {
        List<Element> found = new ArrayList<>();
        var nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    public static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }
}
