package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.CallQuery;
import com.inspireworks.ivr.journal.CallRecord;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.web.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /calls/export.csv}: every call that matches the filters of {@code /calls} ({@link CallSearch}), newest
 * first, as CSV ({@link CallCsv}), read page by page so that memory stays flat however many there are; {@code limit}
 * caps the rows and {@code after} starts after a cursor. Errors before the first row are JSON like the API's (400,
 * 503). Should the journal fail half-way, the response is broken off (the container closes the connection without
 * the final chunk) so that nobody mistakes a partial file for the whole.
 */
public final class CallExportServlet extends HttpServlet {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private transient CallHistory history;
    private transient Clock clock;

    @Override
    public void init() throws ServletException {
        history = IvrComponents.of(getServletContext()).history();
        clock = Clock.systemUTC();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CallSearch.Parsed parsed = CallSearch.parse(request.getParameterMap());
        if (parsed instanceof CallSearch.Refused refused) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, refused.message());
            return;
        }
        CallSearch search = ((CallSearch.Valid) parsed).search();
        boolean limited = search.given().containsKey("limit");
        long rowsLeft = limited ? search.query().limit() : Long.MAX_VALUE;
        CallQuery query = pageOf(search.query(), search.query().after(), rowsLeft);
        CallPage page;
        try {
            page = history.search(query);
        } catch (IllegalArgumentException e) {
            if (query.after().isEmpty()) {
                throw e;
            }
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "after: " + e.getMessage());
            return;
        } catch (JournalUnavailableException e) {
            JournalPages.logUnavailable("an export", e);
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, JournalPages.UNAVAILABLE);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Disposition", "attachment; filename=\"calls-"
                + FILE_TIME.format(clock.instant()) + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CallCsv csv = new CallCsv(out);
        while (true) {
            for (CallRecord call : page.calls()) {
                csv.print(call);
                rowsLeft--;
            }
            if (page.next().isEmpty() || rowsLeft <= 0) {
                break;
            }
            try {
                page = history.search(pageOf(search.query(), page.next(), rowsLeft));
            } catch (JournalUnavailableException e) {
                JournalPages.logUnavailable("an export half-way", e);
                throw new IOException("The call journal became unavailable during the export; the file is"
                        + " incomplete and the response is broken off", e);
            }
        }
        csv.flush();
        out.flush();
    }

    /** The next page of the export: the largest page the journal serves, no more rows than are left. */
    private static CallQuery pageOf(CallQuery filters, Optional<String> after, long rowsLeft) {
        int limit = (int) Math.min(CallQuery.MAX_LIMIT, rowsLeft);
        return new CallQuery(filters.number(), filters.since(), filters.until(), filters.state(), filters.outcome(),
                limit, after);
    }
}
