package com.inspireworks.ivr.web.journal;

import static com.inspireworks.ivr.web.journal.SampleCalls.T0;
import static com.inspireworks.ivr.web.journal.SampleCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.inspireworks.ivr.journal.CallOutcome;
import com.inspireworks.ivr.journal.CallState;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CallCsvTest {

    static final String ID = "6f1c2a4e-8b9d-4c3e-9f00-123456789abc";

    @Test
    void oneRowPerCallUnderAHeaderWithEveryField() throws IOException {
        StringBuilder out = new StringBuilder();
        CallCsv csv = new CallCsv(out);
        csv.print(call(ID).outcome(CallOutcome.NO_ASSOCIATE).language("es").option("associate").dialStatus("busy")
                .answeredAt(T0.plusSeconds(3)).hangup("NORMAL_CLEARING", 67, T0.plusSeconds(70))
                .callUuid("cu-1").build());
        csv.print(call("second").state(CallState.FAILED).error("Plivo said: \"no\", twice\nreally").build());
        csv.flush();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertEquals(2, rows.size());
        CSVRecord first = rows.get(0);
        assertEquals(List.of(CallCsv.HEADER), first.getParser().getHeaderNames());
        assertEquals(ID, first.get("id"));
        assertEquals("2026-11-25T10:02:00Z", first.get("requestedAt"));
        assertEquals("operator", first.get("requestedBy"));
        assertEquals("+14155550123", first.get("to"), "a phone number stays as it is");
        assertEquals("false", first.get("simulated"));
        assertEquals("completed", first.get("state"));
        assertEquals("no-associate", first.get("outcome"));
        assertEquals("es", first.get("language"));
        assertEquals("associate", first.get("option"));
        assertEquals("busy", first.get("dialStatus"));
        assertEquals("NORMAL_CLEARING", first.get("hangupCause"));
        assertEquals("2026-11-25T10:02:03Z", first.get("answeredAt"));
        assertEquals("2026-11-25T10:03:10Z", first.get("endedAt"));
        assertEquals("67", first.get("durationSeconds"));
        assertEquals("cu-1", first.get("callUuid"));
        assertEquals("", first.get("error"));
        assertEquals("Plivo said: \"no\", twice\nreally", rows.get(1).get("error"), "quotes, commas, line breaks");
        assertEquals("", rows.get(1).get("outcome"));
        assertEquals("id,requestedAt,", out.substring(0, 15));
        assertEquals("\r\n", out.substring(out.indexOf("error") + 5, out.indexOf("error") + 7), "RFC 4180 line ends");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaAreDefused() {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")");
        written.put("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0");
        written.put("-2+3", "'-2+3");
        written.put("@SUM(A1)", "'@SUM(A1)");
        written.put("+14155550123", "+14155550123");
        written.put("-3", "-3");
        written.put("plain", "plain");
        written.put("a=b", "a=b");
        written.forEach((value, cell) -> assertEquals(cell, CallCsv.cell(value), value));
    }

    @Test
    void tabsAndCarriageReturnsFirstAreDefusedToo() {
        assertEquals("'\t=1", CallCsv.cell("\t=1"));
        assertEquals("'\r=1", CallCsv.cell("\r=1"));
        assertEquals("", CallCsv.cell(""));
    }

    @Test
    void anOperatorNameOrErrorCannotSmuggleAFormula() throws IOException {
        StringBuilder out = new StringBuilder();
        CallCsv csv = new CallCsv(out);
        csv.print(call(ID).requestedBy("=cmd|'/c calc'!A1").error("@evil").build());
        csv.flush();
        CSVRecord row = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords().get(0);
        assertEquals("'=cmd|'/c calc'!A1", row.get("requestedBy"));
        assertEquals("'@evil", row.get("error"));
    }
}
