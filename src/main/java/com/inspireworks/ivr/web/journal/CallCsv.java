package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallOutcome;
import com.inspireworks.ivr.journal.CallRecord;
import java.io.Flushable;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Calls as CSV (RFC 4180: commas, CRLF, quotes where needed), one row per call with a header row, for spreadsheets
 * and scripts. Every text cell that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @},
 * tab or carriage return first) is written with a leading {@code '}, so that a provider's error message or an
 * operator's name cannot become a formula on the operator's computer (CSV injection). Plain numbers are left alone:
 * {@code +14155550123} or {@code -3} compute nothing but themselves, and phone numbers stay readable.
 */
public final class CallCsv implements Flushable {

    static final String[] HEADER = {"id", "requestedAt", "requestedBy", "to", "from", "simulated", "state", "outcome",
        "language", "option", "dialStatus", "associateLeg", "hangupCause", "hangupSource", "answeredAt", "endedAt",
        "durationSeconds", "billedSeconds", "requestUuid", "callUuid", "error"};

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    private final CSVPrinter printer;

    /** Starts the CSV on {@code out} with the header row. */
    public CallCsv(Appendable out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    public void print(CallRecord call) throws IOException {
        printer.printRecord(
                cell(call.id()),
                time(Optional.of(call.requestedAt())),
                cell(call.requestedBy()),
                cell(call.to()),
                cell(call.from()),
                call.simulated(),
                call.state().code(),
                call.outcome().map(CallOutcome::code).orElse(""),
                text(call.language()),
                text(call.option()),
                text(call.dialStatus()),
                text(call.associateLeg()),
                text(call.hangupCause()),
                text(call.hangupSource()),
                time(call.answeredAt()),
                time(call.endedAt()),
                call.durationSeconds().map(String::valueOf).orElse(""),
                call.billedSeconds().map(String::valueOf).orElse(""),
                text(call.requestUuid()),
                text(call.callUuid()),
                text(call.error()));
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /** A text value made safe to open in a spreadsheet (see the class comment). */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula && !PLAIN_NUMBER.matcher(value).matches() ? "'" + value : value;
    }

    private static String text(Optional<String> value) {
        return value.map(CallCsv::cell).orElse("");
    }

    private static String time(Optional<Instant> value) {
        return value.map(Instant::toString).orElse("");
    }
}
