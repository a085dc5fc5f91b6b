package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.Funnel;
import java.util.List;

/** What {@code calls.jsp} shows of one search: the rows, the paging links, the funnel. A JavaBean for JSP EL. */
public final class CallListView {

    private final CallSearch search;
    private final CallPage page;
    private final Funnel funnel;

    CallListView(CallSearch search, CallPage page, Funnel funnel) {
        this.search = search;
        this.page = page;
        this.funnel = funnel;
    }

    public List<CallRow> getCalls() {
        return page.calls().stream().map(CallRow::new).toList();
    }

    /** The query string of the next (older) page, or null on the last page. */
    public String getNextQuery() {
        return page.next().map(search::nextPageQuery).orElse(null);
    }

    /** Whether this is a later page, so that a link back to the newest calls is useful. */
    public boolean isLaterPage() {
        return search.query().after().isPresent();
    }

    /** The filters as a query string, for the first page, the CSV and the JSON ("" when none). */
    public String getFiltersQuery() {
        return search.filtersQuery();
    }

    /** The funnel as inline SVG; built and escaped by {@link FunnelChart}. */
    public String getFunnelSvg() {
        return FunnelChart.svg(funnel, "funnel");
    }

    public String getFunnelSinceIso() {
        return ClockText.iso(funnel.since());
    }

    public String getFunnelSince() {
        return ClockText.dateTime(funnel.since());
    }

    public String getFunnelUntilIso() {
        return ClockText.iso(funnel.until());
    }

    public String getFunnelUntil() {
        return ClockText.dateTime(funnel.until());
    }

    public long getFunnelSimulated() {
        return funnel.simulated();
    }
}
