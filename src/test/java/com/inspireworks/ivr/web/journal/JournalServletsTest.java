package com.inspireworks.ivr.web.journal;

import static com.inspireworks.ivr.web.journal.SampleCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.CallQuery;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.web.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The servlets' answers to what the integration tests cannot bring about on a healthy journal: the journal down
 * (503, never a 500) and a cursor the journal refuses (400).
 */
class JournalServletsTest {

    static final String ID = "6f1c2a4e-8b9d-4c3e-9f00-123456789abc";

    final FakeCallHistory history = new FakeCallHistory();

    String error(ServletExchange exchange) throws Exception {
        assertEquals("application/json;charset=UTF-8", exchange.headers.get("Content-Type"));
        return Json.MAPPER.readTree(exchange.body()).get("error").asText();
    }

    @Test
    void everyJsonAnswerIs503WithTheReasonWhenTheJournalIsDown() throws Exception {
        history.add(call(ID).build());
        history.down.set(true);
        CallApiServlet api = ServletExchange.servlet(new CallApiServlet(), history);
        ServletExchange search = new ServletExchange().get(api);
        assertEquals(503, search.status);
        assertEquals(JournalPages.UNAVAILABLE, error(search));
        ServletExchange one = new ServletExchange().path("/" + ID).get(api);
        assertEquals(503, one.status);
        assertEquals(JournalPages.UNAVAILABLE, error(one));
        ServletExchange csv = new ServletExchange().get(ServletExchange.servlet(new CallExportServlet(), history));
        assertEquals(503, csv.status);
        assertEquals(JournalPages.UNAVAILABLE, error(csv));
    }

    @Test
    void everyPageIs503WithTheReasonWhenTheJournalIsDown() throws Exception {
        history.down.set(true);
        ServletExchange list = new ServletExchange().get(ServletExchange.servlet(new CallListServlet(), history));
        assertEquals(503, list.status);
        assertEquals(JournalPages.CALLS_JSP, list.forwardedTo);
        assertEquals(JournalPages.UNAVAILABLE, list.attributes.get("problem"));
        ServletExchange one = new ServletExchange().path("/" + ID)
                .get(ServletExchange.servlet(new CallDetailServlet(), history));
        assertEquals(503, one.status);
        assertEquals(JournalPages.PROBLEM_JSP, one.forwardedTo);
        assertEquals(JournalPages.UNAVAILABLE, one.attributes.get("problem"));
        ServletExchange live = new ServletExchange().get(ServletExchange.servlet(new LiveCallsServlet(), history));
        assertEquals(503, live.status);
        assertEquals(JournalPages.PROBLEM_JSP, live.forwardedTo);
    }

    /** The journal refuses a cursor it did not make with IllegalArgumentException: the caller gets 400. */
    @Test
    void aCursorTheJournalRefusesIs400() throws Exception {
        FakeCallHistory picky = new FakeCallHistory() {
            @Override
            public CallPage search(CallQuery query) throws JournalUnavailableException {
                if (query.after().isPresent()) {
                    throw new IllegalArgumentException("Not a paging cursor of this journal");
                }
                return super.search(query);
            }
        };
        ServletExchange api = new ServletExchange().parameter("after", "forged")
                .get(ServletExchange.servlet(new CallApiServlet(), picky));
        assertEquals(400, api.status);
        assertEquals("after: Not a paging cursor of this journal", error(api));
        ServletExchange page = new ServletExchange().parameter("after", "forged")
                .get(ServletExchange.servlet(new CallListServlet(), picky));
        assertEquals(400, page.status);
        assertEquals("after: Not a paging cursor of this journal", page.attributes.get("problem"));
        ServletExchange csv = new ServletExchange().parameter("after", "forged")
                .get(ServletExchange.servlet(new CallExportServlet(), picky));
        assertEquals(400, csv.status);
    }

    @Test
    void theExportReadsPageByPageAndStopsAtTheLimit() throws Exception {
        FakeCallHistory paged = new FakeCallHistory() {
            int pages;

            @Override
            public CallPage search(CallQuery query) {
                pages++;
                assertEquals(pages == 1 ? Optional.empty() : Optional.of("page-" + (pages - 1)), query.after());
                java.util.List<com.inspireworks.ivr.journal.CallRecord> calls = new java.util.ArrayList<>();
                for (int i = 0; i < query.limit(); i++) {
                    calls.add(call("call-" + pages + "-" + i).build());
                }
                return new CallPage(calls, Optional.of("page-" + pages));
            }
        };
        ServletExchange csv = new ServletExchange().parameter("limit", "450")
                .get(ServletExchange.servlet(new CallExportServlet(), paged));
        assertEquals(200, csv.status);
        assertEquals("text/csv;charset=UTF-8", csv.headers.get("Content-Type"));
        assertTrue(csv.headers.get("Content-Disposition").matches("attachment; filename=\"calls-\\d{8}-\\d{4}\\.csv\""));
        String[] lines = csv.body().split("\r\n");
        assertEquals(1 + 450, lines.length, "a header and as many rows as the limit");
        ServletExchange all = new ServletExchange().parameter("state", "completed")
                .get(ServletExchange.servlet(new CallExportServlet(), new FakeCallHistory()));
        assertEquals(1, all.body().split("\r\n").length, "only the header when nothing matches");
        assertNull(all.forwardedTo);
    }
}
