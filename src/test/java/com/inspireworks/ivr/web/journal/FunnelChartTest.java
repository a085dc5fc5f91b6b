package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.journal.Funnel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FunnelChartTest {

    static final Instant SINCE = Instant.parse("2026-11-18T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-11-25T00:00:00Z");

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    record Drawn(String label, int width, String value) {
    }

    static List<Drawn> bars(Document svg) {
        List<Drawn> drawn = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            NodeList texts = group.getElementsByTagName("text");
            NodeList rects = group.getElementsByTagName("rect");
            drawn.add(new Drawn(texts.item(0).getTextContent(),
                    Integer.parseInt(((Element) rects.item(1)).getAttribute("width")), texts.item(1).getTextContent()));
        }
        return drawn;
    }

    @Test
    void eachStageIsABarAsLongAsItsShareOfTheCallsPlaced() throws Exception {
        Funnel funnel = new Funnel(SINCE, UNTIL, 200, 150, Map.of("en", 90L, "es", 50L),
                Map.of("message", 60L, "associate", 70L), 35, 4);
        Document svg = parse(FunnelChart.svg(funnel, "funnel"));
        assertEquals(List.of(
                new Drawn("Placed", 360, "200"),
                new Drawn("Answered", 270, "150 (75%)"),
                new Drawn("Chose English", 162, "90 (45%)"),
                new Drawn("Chose Español", 90, "50 (25%)"),
                new Drawn("Recorded message (1)", 108, "60 (30%)"),
                new Drawn("Associate (2)", 126, "70 (35%)"),
                new Drawn("Associate connected", 63, "35 (18%)")), bars(svg));
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("funnel-title funnel-desc", root.getAttribute("aria-labelledby"));
        assertEquals("Funnel of calls placed: 200", svg.getElementsByTagName("title").item(0).getTextContent());
        assertEquals("Placed: 200; Answered: 150; Chose English: 90; Chose Español: 50; Recorded message (1): 60;"
                + " Associate (2): 70; Associate connected: 35",
                svg.getElementsByTagName("desc").item(0).getTextContent());
    }

    @Test
    void aPeriodWithoutCallsDrawsEmptyBarsAndNoPercentages() throws Exception {
        Funnel funnel = new Funnel(SINCE, UNTIL, 0, 0, Map.of(), Map.of(), 0, 0);
        List<Drawn> bars = bars(parse(FunnelChart.svg(funnel, "f")));
        assertEquals(7, bars.size(), "every stage is shown, English and Español included");
        bars.forEach(bar -> {
            assertEquals(0, bar.width(), bar.label());
            assertEquals("0", bar.value(), bar.label());
        });
    }

    @Test
    void languagesTheFlowNoLongerSpeaksAndUnknownOptionsStillCount() throws Exception {
        Funnel funnel = new Funnel(SINCE, UNTIL, 10, 10, Map.of("fr", 2L), Map.of("callback", 1L), 0, 0);
        List<String> labels = bars(parse(FunnelChart.svg(funnel, "f"))).stream().map(Drawn::label).toList();
        assertEquals(List.of("Placed", "Answered", "Chose English", "Chose Español", "Chose fr",
                "Recorded message (1)", "Associate (2)", "Option callback", "Associate connected"), labels);
    }

    @Test
    void noBarIsLongerThanTheTrackEvenWithInconsistentCounts() throws Exception {
        Funnel funnel = new Funnel(SINCE, UNTIL, 10, 12, Map.of(), Map.of(), 0, 0);
        assertEquals(360, bars(parse(FunnelChart.svg(funnel, "f"))).get(1).width());
    }

    @Test
    void theChartNeedsNeitherInlineStyleNorScriptAndEscapesItsText() {
        Funnel funnel = new Funnel(SINCE, UNTIL, 5, 5, Map.of("<b>&", 1L), Map.of("\"x'", 1L), 1, 0);
        String svg = FunnelChart.svg(funnel, "a\"b");
        assertFalse(svg.contains("style"), svg);
        assertFalse(svg.contains("<script"), svg);
        assertFalse(svg.contains("<b>"), svg);
        assertTrue(svg.contains("Chose &lt;b&gt;&amp;"), svg);
        assertTrue(svg.contains("Option &quot;x&#39;"), svg);
        assertTrue(svg.contains("aria-labelledby=\"a&quot;b-title a&quot;b-desc\""), svg);
    }
}
