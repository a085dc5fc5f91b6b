package com.inspireworks.ivr.flow;

import java.net.URI;
import java.util.Optional;

/**
 * Absolute URLs of the IVR's webhooks, built on the configured public base URL (context path included), so the
 * documents work under any context path and behind a reverse proxy. Paths match the servlet mappings in web.xml.
 * Built once at start-up; immutable.
 */
public final class IvrUrls {

    public static final String WELCOME = "/ivr/welcome";
    public static final String LANGUAGE_HANDLER = "/ivr/language-handler";
    public static final String MAIN_MENU = "/ivr/main-menu/";
    public static final String MENU_HANDLER = "/ivr/menu-handler/";
    public static final String DIAL_STATUS = "/ivr/dial-status/";
    public static final String NO_INPUT = "/ivr/no-input";
    public static final String HANGUP = "/ivr/hangup";
    /** Query parameter of the answer and hangup URLs that carries our id of the call. */
    public static final String CALL_PARAMETER = "call";

    private final String base;

    /** @param publicBase e.g. {@code https://ivr.example.com/ivr}, without trailing slash */
    public IvrUrls(URI publicBase) {
        String text = publicBase.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    public String base() {
        return base;
    }

    /** The answer URL as the form shows it (without a call id). */
    public String welcome() {
        return base + WELCOME;
    }

    /** The answer URL of one call. */
    public String welcome(String callId) {
        return welcome() + "?" + CALL_PARAMETER + "=" + callId;
    }

    /** The hangup URL of one call. */
    public String hangup(String callId) {
        return base + HANGUP + "?" + CALL_PARAMETER + "=" + callId;
    }

    public String languageHandler(Attempt attempt) {
        return base + LANGUAGE_HANDLER + query(attempt);
    }

    public String mainMenu(Language language) {
        return base + MAIN_MENU + language.code();
    }

    public String menuHandler(Language language, Attempt attempt) {
        return base + MENU_HANDLER + language.code() + query(attempt);
    }

    public String dialStatus(Language language, Attempt attempt) {
        return base + DIAL_STATUS + language.code() + query(attempt);
    }

    /** Where a menu goes when the caller pressed nothing: level 1 (no language yet) or a language's level 2. */
    public String noInput(Optional<Language> language) {
        return base + NO_INPUT + language.map(l -> "/" + l.code()).orElse("");
    }

    private static String query(Attempt attempt) {
        return "?" + Attempt.PARAMETER + "=" + attempt.number();
    }
}
