package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.flow.IvrUrls;
import com.inspireworks.ivr.journal.PlivoCallParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Plivo parameters of a webhook request worth keeping, made safe to store and to log: only known names, at
 * most {@link #MAX_LENGTH} characters, control characters replaced. Whatever a forged or mangled request carries,
 * the result is small and printable.
 */
final class PlivoParameters {

    /** What Plivo sends that identifies a call and tells what happened (answer, action, dial and hangup URLs). */
    static final Set<String> KEPT = Set.of("CallUUID", "ALegUUID", "ALegRequestUUID", "RequestUUID", "From", "To",
            "Direction", "CallStatus", "Event", "Digits", "DialStatus", "DialHangupCause", "DialRingStatus",
            "DialALegUUID", "DialBLegUUID", "HangupCause", "HangupSource", "Duration", "BillDuration", "StartTime",
            "AnswerTime", "EndTime");
    static final int MAX_LENGTH = 128;
    /** Our call ids are UUIDs (see OutboundCaller); anything else in the {@code call} parameter is ignored. */
    private static final Pattern CALL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PlivoParameters() {
    }

    static PlivoCallParameters of(HttpServletRequest request) {
        Map<String, String> values = new HashMap<>();
        for (String name : KEPT) {
            String value = request.getParameter(name);
            if (value != null && !value.isEmpty()) {
                values.put(name, clean(value));
            }
        }
        String callId = request.getParameter(IvrUrls.CALL_PARAMETER);
        return new PlivoCallParameters(
                callId != null && CALL_ID.matcher(callId).matches() ? Optional.of(callId) : Optional.empty(), values);
    }

    static String clean(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
        for (int i = 0; i < value.length() && out.length() < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c);
        }
        return out.toString();
    }
}
