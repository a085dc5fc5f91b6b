package com.inspireworks.ivr.web;

/**
 * Makes request values safe to put in a log line: control characters (which could forge extra log lines) become
 * {@code ?}, long values are cut, and a missing value is shown as {@code -}.
 */
public final class LogText {

    static final int MAX = 64;

    private LogText() {
    }

    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX + 3));
        for (int i = 0; i < value.length() && i < MAX; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c);
        }
        if (value.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
