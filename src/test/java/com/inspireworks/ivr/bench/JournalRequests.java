package com.inspireworks.ivr.bench;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed webhook requests for the journal benchmark (bench/journal.sh), each for a call of its own, so that every
 * request is a new step for the journal to store (a replay would only be recognised as a duplicate). Plivo signs every
 * parameter, so each request needs its own signature: they are computed here, once, with the project's
 * {@link PlivoSignatureV3}, and wrk's Lua script only pastes the CallUUID and the signature into a fixed template.
 *
 * <pre>java -cp ... com.inspireworks.ivr.bench.JournalRequests AUTH_TOKEN PUBLIC_URL KIND COUNT PREFIX OUT_FILE</pre>
 *
 * KIND {@code welcome} or {@code language-handler}: one line per request, {@code CALLUUID SIGNATURE}, for calls the
 * journal does not know (stored unlinked). KIND {@code calls}: one line per call,
 * {@code CALLUUID CALLID REQUESTUUID SIG1 ... SIG9} for the nine webhooks of a whole call ({@link #CALL}) of a call
 * that {@code BenchCalls} recorded beforehand as requested and placed: our call id on the answer and hangup URLs,
 * ALegRequestUUID on all, exactly as Plivo calls back for a call the app placed. CallUUIDs are
 * {@code PREFIX-<8 hex>-...} so the rows of one run can be counted. The nonce is fixed ({@link #NONCE}).
 */
public final class JournalRequests {

    static final String NONCE = "journalbench0123456789";
    /** A whole call without an associate configured: every request is exactly one step of the journal. */
    static final List<String[]> CALL = List.of(
            new String[] {"/ivr/welcome", ""},
            new String[] {"/ivr/language-handler?attempt=1", "1"},
            new String[] {"/ivr/main-menu/en", ""},
            new String[] {"/ivr/menu-handler/en?attempt=1", "9"},
            new String[] {"/ivr/menu-handler/en?attempt=2", "2"},
            new String[] {"/ivr/language-handler?attempt=2", "2"},
            new String[] {"/ivr/main-menu/es", ""},
            new String[] {"/ivr/menu-handler/es?attempt=1", "1"},
            new String[] {"/ivr/hangup", ""});

    private JournalRequests() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: JournalRequests AUTH_TOKEN PUBLIC_URL KIND COUNT PREFIX OUT_FILE");
            System.exit(2);
        }
        String token = args[0];
        String publicUrl = args[1].replaceAll("/+$", "");
        String kind = args[2];
        int count = Integer.parseInt(args[3]);
        String prefix = args[4];
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String uuid = String.format("%s-%08x-0000-4000-8000-000000000000", prefix, i);
                StringBuilder line = new StringBuilder(uuid);
                String callId = callId(prefix, i);
                String requestUuid = requestUuid(prefix, i);
                boolean placed = kind.equals("calls");
                if (placed) {
                    line.append(' ').append(callId).append(' ').append(requestUuid);
                }
                List<String[]> steps = switch (kind) {
                    case "welcome" -> CALL.subList(0, 1);
                    case "language-handler" -> CALL.subList(1, 2);
                    case "calls" -> CALL;
                    default -> throw new IllegalArgumentException("unknown kind " + kind);
                };
                for (String[] step : steps) {
                    String path = placed && (step[0].equals("/ivr/welcome") || step[0].equals("/ivr/hangup"))
                            ? step[0] + "?call=" + callId : step[0];
                    line.append(' ').append(sign(token, publicUrl, path, uuid, step[1],
                            placed ? requestUuid : UNKNOWN_REQUEST));
                }
                out.write(line.toString());
                out.write('\n');
            }
        }
    }

    static final String UNKNOWN_REQUEST = "feed0000-1111-2222-3333-444455556666";

    /** Our id of the {@code i}th call of a run: a lowercase UUID, as the app's ids are. */
    public static String callId(String prefix, int i) {
        return String.format("%08x-0000-4000-8000-%012x", Math.abs(prefix.hashCode()), i);
    }

    /** The create-call request id of the {@code i}th call of a run. */
    public static String requestUuid(String prefix, int i) {
        return String.format("%s-req-%08x", prefix, i);
    }

    /** The form Plivo posts for this call and step (the Lua template must produce the same parameters). */
    static Map<String, String> form(String uuid, String path, String digits, String requestUuid) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallUUID", uuid);
        form.put("From", "+14155550100");
        form.put("To", "+14155550123");
        form.put("Direction", "outbound");
        form.put("CallStatus", "in-progress");
        form.put("ALegRequestUUID", requestUuid);
        if (!digits.isEmpty()) {
            form.put("Digits", digits);
        }
        if (path.startsWith("/ivr/hangup")) {
            form.put("HangupCause", "NORMAL_CLEARING");
            form.put("Duration", "42");
        }
        return form;
    }

    private static String sign(String token, String publicUrl, String path, String uuid, String digits,
            String requestUuid) {
        Map<String, List<String>> body = new LinkedHashMap<>();
        form(uuid, path, digits, requestUuid).forEach((k, v) -> body.put(k, List.of(v)));
        return PlivoSignatureV3.sign(token, "POST", publicUrl + path, body, NONCE);
    }
}
