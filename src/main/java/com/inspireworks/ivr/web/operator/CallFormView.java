package com.inspireworks.ivr.web.operator;

/**
 * What the call form shows, as a JavaBean for JSP EL (EL 5 on Tomcat 10.1 and Payara 6 cannot read records).
 */
public final class CallFormView {

    private final String plivoNumber;
    private final String associateNumber;
    private final String answerUrl;
    private final String unavailableReason;
    private final LastCall lastCall;

    CallFormView(String plivoNumber, String associateNumber, String answerUrl, String unavailableReason,
            LastCall lastCall) {
        this.plivoNumber = plivoNumber;
        this.associateNumber = associateNumber;
        this.answerUrl = answerUrl;
        this.unavailableReason = unavailableReason;
        this.lastCall = lastCall;
    }

    public String getPlivoNumber() {
        return plivoNumber;
    }

    public String getAssociateNumber() {
        return associateNumber;
    }

    public String getAnswerUrl() {
        return answerUrl;
    }

    /** Why calls cannot be placed, or null when they can. */
    public String getUnavailableReason() {
        return unavailableReason;
    }

    /** The result of the operator's previous request, or null. */
    public LastCall getLastCall() {
        return lastCall;
    }
}
