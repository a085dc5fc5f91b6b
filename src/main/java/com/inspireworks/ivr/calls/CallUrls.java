package com.inspireworks.ivr.calls;

/** The webhook URLs a provider is given for one call; both carry our call id so that any instance can link them. */
public interface CallUrls {

    /** Where the provider fetches the first document once the callee answers. */
    String answerUrl(String callId);

    /** Where the provider reports the end of the call. */
    String hangupUrl(String callId);
}
