package com.inspireworks.ivr.flow;

/**
 * Everything the IVR says in one language.
 *
 * @param chooseLanguage level-1 offer of this language ("For English, press 1.")
 * @param mainMenu level-2 menu
 * @param invalidOption said after a key that is not on the menu
 * @param noInput said before hanging up when the caller pressed nothing
 * @param tooManyAttempts said before hanging up after the last invalid attempt
 * @param goodbye said after the recorded message
 * @param connecting said before the call is forwarded to the associate
 * @param associateUnavailable said when the associate is busy, does not answer or cannot be reached
 * @param callBackLater said before hanging up when the associate could not be reached on the last attempt
 */
public record Prompts(
        String chooseLanguage,
        String mainMenu,
        String invalidOption,
        String noInput,
        String tooManyAttempts,
        String goodbye,
        String connecting,
        String associateUnavailable,
        String callBackLater) {
}
