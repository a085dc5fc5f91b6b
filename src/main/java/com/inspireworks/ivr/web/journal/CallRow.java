package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallOutcome;
import com.inspireworks.ivr.journal.CallRecord;
import com.inspireworks.ivr.journal.CallState;
import java.util.Locale;

/**
 * One journaled call as the operator pages show it, a JavaBean for JSP EL (EL 5 on Tomcat 10.1 and Payara 6 cannot
 * read records). Missing values are null; the JSPs print them as a dash.
 */
public final class CallRow {

    private final CallRecord call;

    public CallRow(CallRecord call) {
        this.call = call;
    }

    public String getId() {
        return call.id();
    }

    public String getTo() {
        return call.to();
    }

    public String getFrom() {
        return call.from();
    }

    public String getRequestedBy() {
        return call.requestedBy();
    }

    public boolean isSimulated() {
        return call.simulated();
    }

    /** {@code in-progress}, for CSS classes and tests. */
    public String getState() {
        return call.state().code();
    }

    /** "in progress". */
    public String getStateLabel() {
        return label(call.state());
    }

    public boolean isEnded() {
        return call.state() == CallState.COMPLETED || call.state() == CallState.NOT_ANSWERED
                || call.state() == CallState.FAILED;
    }

    public String getOutcome() {
        return call.outcome().map(CallOutcome::code).orElse(null);
    }

    /** "no associate". */
    public String getOutcomeLabel() {
        return call.outcome().map(CallRow::label).orElse(null);
    }

    /** The language's own name ("Español"). */
    public String getLanguage() {
        return call.language().map(CallPath::languageName).orElse(null);
    }

    /** "recorded message" or "associate". */
    public String getOption() {
        return call.option().map(option -> option.equals("message") ? "recorded message" : option).orElse(null);
    }

    public String getDialStatus() {
        return call.dialStatus().orElse(null);
    }

    public String getAssociateLeg() {
        return call.associateLeg().orElse(null);
    }

    public String getHangupCause() {
        return call.hangupCause().orElse(null);
    }

    public String getHangupSource() {
        return call.hangupSource().orElse(null);
    }

    public Integer getDurationSeconds() {
        return call.durationSeconds().orElse(null);
    }

    public Integer getBilledSeconds() {
        return call.billedSeconds().orElse(null);
    }

    public String getError() {
        return call.error().orElse(null);
    }

    public String getRequestUuid() {
        return call.requestUuid().orElse(null);
    }

    public String getCallUuid() {
        return call.callUuid().orElse(null);
    }

    public String getRequestedAtIso() {
        return ClockText.iso(call.requestedAt());
    }

    public String getRequestedAt() {
        return ClockText.dateTime(call.requestedAt());
    }

    public String getAnsweredAtIso() {
        return call.answeredAt().map(ClockText::iso).orElse(null);
    }

    public String getAnsweredAt() {
        return call.answeredAt().map(ClockText::dateTime).orElse(null);
    }

    public String getEndedAtIso() {
        return call.endedAt().map(ClockText::iso).orElse(null);
    }

    public String getEndedAt() {
        return call.endedAt().map(ClockText::dateTime).orElse(null);
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
