package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.journal.Funnel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The funnel of a period as an SVG bar chart, rendered on the server: placed → answered → language → option →
 * associate connected, each bar as long as its share of the calls placed. No script and no style attribute (the
 * Content-Security-Policy allows neither inline): colours are presentation attributes, which it allows, and the
 * stylesheet may override them through the classes. Every text is escaped; the chart has a title and a description
 * that lists every number, for screen readers.
 */
public final class FunnelChart {

    static final int WIDTH = 720;
    static final int LABEL_WIDTH = 220;
    static final int BAR_WIDTH = 360;
    static final int ROW_HEIGHT = 30;
    static final int BAR_HEIGHT = 20;
    static final int TOP = 8;

    private FunnelChart() {
    }

    /**
     * One bar.
     *
     * @param label what was counted ("Answered", "Chose Español")
     * @param count how many calls
     * @param kind the stage, for the stylesheet: placed, answered, language, option, connected
     * @param color its fill when the stylesheet says nothing
     */
    record Bar(String label, long count, String kind, String color) {
    }

    /** The bars of {@code funnel}, top to bottom. */
    static List<Bar> bars(Funnel funnel) {
        List<Bar> bars = new ArrayList<>();
        bars.add(new Bar("Placed", funnel.placed(), "placed", "#0b6bcb"));
        bars.add(new Bar("Answered", funnel.answered(), "answered", "#2b83d6"));
        Map<String, Long> languages = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            languages.put(language.code(), 0L);
        }
        languages.putAll(funnel.languages());
        languages.forEach((code, count) -> bars.add(new Bar("Chose " + CallPath.languageName(code), count, "language",
                "#4f9be0")));
        bars.add(new Bar("Recorded message (1)", funnel.options().getOrDefault("message", 0L), "option", "#7ab3e8"));
        bars.add(new Bar("Associate (2)", funnel.options().getOrDefault("associate", 0L), "option", "#7ab3e8"));
        funnel.options().forEach((option, count) -> {
            if (!option.equals("message") && !option.equals("associate")) {
                bars.add(new Bar("Option " + option, count, "option", "#7ab3e8"));
            }
        });
        bars.add(new Bar("Associate connected", funnel.associateConnected(), "connected", "#1e8e4f"));
        return bars;
    }

    /** The chart as an {@code <svg>} element for an HTML page; {@code id} names its title for aria-labelledby. */
    public static String svg(Funnel funnel, String id) {
        List<Bar> bars = bars(funnel);
        int height = TOP * 2 + bars.size() * ROW_HEIGHT;
        long placed = funnel.placed();
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"funnel\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"").append(escape(id))
                .append("-title ").append(escape(id)).append("-desc\">");
        svg.append("<title id=\"").append(escape(id)).append("-title\">Funnel of calls placed: ").append(placed)
                .append("</title>");
        svg.append("<desc id=\"").append(escape(id)).append("-desc\">");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            svg.append(i == 0 ? "" : "; ").append(escape(bar.label())).append(": ").append(bar.count());
        }
        svg.append("</desc>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * ROW_HEIGHT;
            int textY = y + BAR_HEIGHT / 2 + 5;
            long width = placed == 0 ? 0 : Math.round((double) BAR_WIDTH * Math.min(bar.count(), placed) / placed);
            svg.append("<g class=\"funnel-stage funnel-").append(bar.kind()).append("\">");
            svg.append("<text class=\"funnel-label\" x=\"").append(LABEL_WIDTH - 10).append("\" y=\"").append(textY)
                    .append("\" text-anchor=\"end\" fill=\"#1d2430\">").append(escape(bar.label())).append("</text>");
            svg.append("<rect class=\"funnel-track\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
                    .append("\" width=\"").append(BAR_WIDTH).append("\" height=\"").append(BAR_HEIGHT)
                    .append("\" rx=\"3\" fill=\"#eef1f5\"/>");
            svg.append("<rect class=\"funnel-bar\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
                    .append("\" width=\"").append(width).append("\" height=\"").append(BAR_HEIGHT)
                    .append("\" rx=\"3\" fill=\"").append(bar.color()).append("\" data-count=\"").append(bar.count())
                    .append("\"/>");
            svg.append("<text class=\"funnel-value\" x=\"").append(LABEL_WIDTH + BAR_WIDTH + 10).append("\" y=\"")
                    .append(textY).append("\" fill=\"#1d2430\">").append(bar.count()).append(i == 0 ? "" : share(bar.count(), placed))
                    .append("</text>");
            svg.append("</g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** " (43%)" of the calls placed; nothing when none were placed. */
    static String share(long count, long placed) {
        if (placed == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * count / placed));
    }

    /** Text and attribute values for XML. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
