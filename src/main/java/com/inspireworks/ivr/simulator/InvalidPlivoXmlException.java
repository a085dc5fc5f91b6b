package com.inspireworks.ivr.simulator;

/** A document Plivo would refuse: not well-formed, not a {@code <Response>}, or with an element it cannot run. */
public final class InvalidPlivoXmlException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidPlivoXmlException(String message) {
        super(message);
    }
}
