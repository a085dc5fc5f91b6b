package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * web.xml as the live view needs it: its servlet and every filter in front of it allow asynchronous requests (one
 * filter without {@code <async-supported>} and every stream fails), and the journal's paths reach their servlets.
 */
class LiveViewDeploymentTest {

    static final String EVENTS = "/api/calls/events";

    static Document webXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());
    }

    static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagNameNS("*", tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    static List<Element> elements(Document document, String tag) {
        NodeList nodes = document.getElementsByTagNameNS("*", tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** Servlet URL matching, simplified: exact, then path prefix "/x/*", then "/*". */
    static boolean covers(String pattern, String path) {
        return pattern.equals(path) || pattern.equals("/*")
                || (pattern.endsWith("/*") && path.startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    @Test
    void everyFilterInFrontOfTheEventStreamAllowsAsynchronousRequests() throws Exception {
        Document xml = webXml();
        Map<String, String> async = new HashMap<>();
        for (Element filter : elements(xml, "filter")) {
            async.put(text(filter, "filter-name"), text(filter, "async-supported"));
        }
        List<String> inFront = new ArrayList<>();
        for (Element mapping : elements(xml, "filter-mapping")) {
            NodeList patterns = mapping.getElementsByTagNameNS("*", "url-pattern");
            for (int i = 0; i < patterns.getLength(); i++) {
                if (covers(patterns.item(i).getTextContent().strip(), EVENTS)) {
                    inFront.add(text(mapping, "filter-name"));
                }
            }
        }
        assertFalse(inFront.isEmpty(), "the security headers filter at least");
        for (String filter : inFront) {
            assertEquals("true", async.get(filter), "filter " + filter + " is in front of " + EVENTS
                    + ": it needs <async-supported>true</async-supported>");
        }
    }

    @Test
    void theJournalsPathsReachTheirServlets() throws Exception {
        Document xml = webXml();
        Map<String, String> servlets = new HashMap<>();
        Map<String, String> servletAsync = new HashMap<>();
        for (Element servlet : elements(xml, "servlet")) {
            servlets.put(text(servlet, "servlet-name"), text(servlet, "servlet-class"));
            servletAsync.put(text(servlet, "servlet-name"), text(servlet, "async-supported"));
        }
        Map<String, String> exact = new HashMap<>();
        for (Element mapping : elements(xml, "servlet-mapping")) {
            NodeList patterns = mapping.getElementsByTagNameNS("*", "url-pattern");
            for (int i = 0; i < patterns.getLength(); i++) {
                exact.put(patterns.item(i).getTextContent().strip(), text(mapping, "servlet-name"));
            }
        }
        Map<String, Class<?>> expected = Map.of(
                "/calls", CallListServlet.class,
                "/calls/*", CallDetailServlet.class,
                "/calls/live", LiveCallsServlet.class,
                "/calls/export.csv", CallExportServlet.class,
                "/api/calls", CallApiServlet.class,
                "/api/calls/*", CallApiServlet.class,
                EVENTS, CallEventsServlet.class);
        expected.forEach((pattern, type) -> {
            assertTrue(exact.containsKey(pattern), pattern + " is mapped");
            assertEquals(type.getName(), servlets.get(exact.get(pattern)), pattern);
        });
        assertEquals("true", servletAsync.get(exact.get(EVENTS)));
    }
}
