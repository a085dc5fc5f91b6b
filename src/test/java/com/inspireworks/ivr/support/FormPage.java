package com.inspireworks.ivr.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a browser would take from the call form's HTML. */
public final class FormPage {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private FormPage() {
    }

    /** The hidden anti-forgery token of the form. */
    public static String csrfToken(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No CSRF token in the form: " + html);
        }
        return m.group(1);
    }
}
