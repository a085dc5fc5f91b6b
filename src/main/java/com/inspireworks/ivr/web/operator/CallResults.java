package com.inspireworks.ivr.web.operator;

import com.inspireworks.ivr.calls.CallResult;
import jakarta.servlet.http.HttpServletResponse;

/** How a {@link CallResult} is told over HTTP: its status code and its message. */
final class CallResults {

    private CallResults() {
    }

    static int status(CallResult result) {
        if (result instanceof CallResult.Placed) {
            return HttpServletResponse.SC_CREATED;
        }
        if (result instanceof CallResult.Rejected) {
            return HttpServletResponse.SC_BAD_REQUEST;
        }
        if (result instanceof CallResult.Unavailable) {
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        if (result instanceof CallResult.RateLimited) {
            return 429;
        }
        return HttpServletResponse.SC_BAD_GATEWAY;
    }

    static String message(CallResult result) {
        if (result instanceof CallResult.Placed placed) {
            return "Calling " + placed.to() + ".";
        }
        if (result instanceof CallResult.Rejected rejected) {
            return rejected.message();
        }
        if (result instanceof CallResult.Unavailable unavailable) {
            return unavailable.message();
        }
        if (result instanceof CallResult.RateLimited limited) {
            return limited.message();
        }
        return ((CallResult.Failed) result).message();
    }
}
