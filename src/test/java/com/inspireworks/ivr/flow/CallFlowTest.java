package com.inspireworks.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.PlivoXmlDoc;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

class CallFlowTest {

    static final String BASE = "https://ivr.example.com/ivr";
    static final String ASSOCIATE = "+14155550199";
    static final String OUR_NUMBER = "+14155550100";
    static final String AUDIO_EN = "https://media.example.com/en/message.mp3?v=2&lang=en";
    static final String AUDIO_ES = "https://media.example.com/es/mensaje.mp3";

    static CallFlow flow(Optional<String> associate) {
        Menus menus = new Menus(new IvrUrls(URI.create(BASE)),
                Map.of(Language.ENGLISH, URI.create(AUDIO_EN), Language.SPANISH, URI.create(AUDIO_ES)),
                associate, Optional.of(OUR_NUMBER));
        return new CallFlow(menus, new PlivoXml());
    }

    private final CallFlow flow = flow(Optional.of(ASSOCIATE));

    static PlivoXmlDoc doc(PlivoDocument document) {
        return PlivoXmlDoc.parse(document.text());
    }

    private static Element getDigits(PlivoXmlDoc doc) {
        return doc.first("GetDigits");
    }

    private static List<Element> prompts(Element getDigits) {
        return PlivoXmlDoc.children(getDigits);
    }

    @Test
    void welcomeOffersEachLanguageInItsOwnLanguageAndVoiceInsideOneGetDigits() {
        PlivoXmlDoc doc = doc(flow.welcome(Attempt.FIRST));
        Element menu = getDigits(doc);
        assertEquals(BASE + "/ivr/language-handler?attempt=1", menu.getAttribute("action"));
        assertEquals("POST", menu.getAttribute("method"));
        assertEquals("1", menu.getAttribute("numDigits"));
        List<Element> speak = prompts(menu);
        assertEquals(2, speak.size());
        assertEquals("Speak", speak.get(0).getTagName());
        assertEquals("For English, press 1.", speak.get(0).getTextContent());
        assertEquals("en-US", speak.get(0).getAttribute("language"));
        assertEquals("Polly.Joanna", speak.get(0).getAttribute("voice"));
        assertEquals("Para español, oprima 2.", speak.get(1).getTextContent());
        assertEquals("es-MX", speak.get(1).getAttribute("language"));
        assertEquals("Polly.Mia", speak.get(1).getAttribute("voice"));
    }

    @Test
    void everyMenuIsPlayedTwiceOnSilenceThenGoesToTheNoInputStep() {
        List<PlivoXmlDoc> menus = List.of(doc(flow.welcome(Attempt.FIRST)),
                doc(flow.mainMenu(Language.ENGLISH, Attempt.FIRST)), doc(flow.mainMenu(Language.SPANISH,
                        Attempt.FIRST)));
        List<String> noInputUrls = List.of(BASE + "/ivr/no-input", BASE + "/ivr/no-input/en",
                BASE + "/ivr/no-input/es");
        for (int i = 0; i < menus.size(); i++) {
            PlivoXmlDoc menu = menus.get(i);
            Element digits = getDigits(menu);
            // Plivo's retries counts tries in all (its engine: FreeSWITCH max_tries): 2 = the menu and once more.
            assertEquals("2", digits.getAttribute("retries"), "the menu, then once more on silence");
            assertEquals(String.valueOf(Menus.DIGIT_TIMEOUT_SECONDS), digits.getAttribute("timeout"));
            assertEquals("none", digits.getAttribute("finishOnKey"), "# and * must reach our handler");
            assertEquals("1", digits.getAttribute("numDigits"));
            assertFalse(digits.hasAttribute("validDigits"), "wrong keys must reach our handler");
            assertEquals(List.of("GetDigits", "Redirect"), menu.tags(), "silence must lead on, never leave the call"
                    + " hanging");
            assertEquals(noInputUrls.get(i), menu.first("Redirect").getTextContent());
        }
    }

    @Test
    void theNoInputStepSaysGoodbyeInTheMenusLanguageAndHangsUp() {
        PlivoXmlDoc spanish = doc(flow.noInput(Optional.of(Language.SPANISH)));
        assertEquals(List.of("Speak", "Hangup"), spanish.tags());
        assertEquals("No recibimos ninguna respuesta. Adiós.", spanish.first("Speak").getTextContent());
        assertEquals("es-MX", spanish.first("Speak").getAttribute("language"));
        PlivoXmlDoc levelOne = doc(flow.noInput(Optional.empty()));
        assertEquals(List.of("We did not receive any input. Goodbye.", "No recibimos ninguna respuesta. Adiós."),
                levelOne.all("Speak").stream().map(Element::getTextContent).toList());
        assertEquals("Hangup", levelOne.tags().get(levelOne.tags().size() - 1));
    }

    @Test
    void languageKeysLeadToThatLanguagesMenu() {
        Element en = doc(flow.languageChosen("1", Attempt.FIRST)).first("Redirect");
        assertEquals(BASE + "/ivr/main-menu/en", en.getTextContent());
        Element es = doc(flow.languageChosen("2", new Attempt(3))).first("Redirect");
        assertEquals(BASE + "/ivr/main-menu/es", es.getTextContent());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"3", "0", "*", "#", "12", "a", "<Hangup/>", "\"><Dial>", "١", "1 ", " 1"})
    void anyOtherInputAtLevelOneIsInvalidAndRepeatsLevelOneWithTheNextAttempt(String digits) {
        PlivoXmlDoc doc = doc(flow.languageChosen(digits, Attempt.FIRST));
        List<Element> elements = doc.elements();
        assertEquals("Sorry, that is not a valid option.", elements.get(0).getTextContent());
        assertEquals("Lo sentimos, esa opción no es válida.", elements.get(1).getTextContent());
        Element menu = getDigits(doc);
        assertEquals(BASE + "/ivr/language-handler?attempt=2", menu.getAttribute("action"));
        assertEquals("For English, press 1.", prompts(menu).get(0).getTextContent());
    }

    @Test
    void hugeDigitsAreJustInvalid() {
        PlivoXmlDoc doc = doc(flow.languageChosen("1".repeat(10_000), new Attempt(2)));
        assertEquals(BASE + "/ivr/language-handler?attempt=3", getDigits(doc).getAttribute("action"));
    }

    @Test
    void thirdInvalidAttemptAtLevelOneEndsTheCallPolitely() {
        PlivoXmlDoc doc = doc(flow.languageChosen("9", new Attempt(3)));
        assertEquals(List.of("Speak", "Speak", "Speak", "Speak", "Hangup"), doc.tags());
        assertTrue(doc.elements().get(2).getTextContent().endsWith("Goodbye."));
    }

    @Test
    void mainMenuIsEntirelyInTheChosenLanguage() {
        for (Language language : Language.values()) {
            PlivoXmlDoc doc = doc(flow.mainMenu(language, Attempt.FIRST));
            Element menu = getDigits(doc);
            assertEquals(BASE + "/ivr/menu-handler/" + language.code() + "?attempt=1", menu.getAttribute("action"));
            for (Element speak : doc.all("Speak")) {
                assertEquals(language.locale(), speak.getAttribute("language"));
                assertEquals(language.voice(), speak.getAttribute("voice"));
            }
        }
        assertEquals("Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2.",
                prompts(getDigits(doc(flow.mainMenu(Language.SPANISH, Attempt.FIRST)))).get(0).getTextContent());
    }

    @Test
    void optionOnePlaysThatLanguagesRecordingThenSaysGoodbyeAndHangsUp() {
        PlivoXmlDoc en = doc(flow.menuChosen(Language.ENGLISH, "1", Attempt.FIRST));
        assertEquals(List.of("Play", "Speak", "Hangup"), en.tags());
        assertEquals(AUDIO_EN, en.first("Play").getTextContent(), "an & in the URL must survive escaping");
        assertEquals("Thank you for calling InspireWorks. Goodbye.", en.first("Speak").getTextContent());
        PlivoXmlDoc es = doc(flow.menuChosen(Language.SPANISH, "1", new Attempt(2)));
        assertEquals(AUDIO_ES, es.first("Play").getTextContent());
        assertEquals("es-MX", es.first("Speak").getAttribute("language"));
    }

    @Test
    void optionTwoForwardsToTheAssociateWithOurNumberAsCallerId() {
        PlivoXmlDoc doc = doc(flow.menuChosen(Language.SPANISH, "2", new Attempt(2)));
        assertEquals(List.of("Speak", "Dial"), doc.tags());
        assertEquals("Por favor espere mientras le comunicamos con un asociado.", doc.first("Speak").getTextContent());
        Element dial = doc.first("Dial");
        assertEquals(OUR_NUMBER, dial.getAttribute("callerId"));
        assertEquals(BASE + "/ivr/dial-status/es?attempt=2", dial.getAttribute("action"));
        assertEquals("POST", dial.getAttribute("method"));
        List<Element> numbers = PlivoXmlDoc.children(dial);
        assertEquals(1, numbers.size());
        assertEquals("Number", numbers.get(0).getTagName());
        assertEquals(ASSOCIATE, numbers.get(0).getTextContent());
    }

    @Test
    void invalidKeyAtLevelTwoRepeatsThisLanguagesMenuNeverLevelOne() {
        PlivoXmlDoc doc = doc(flow.menuChosen(Language.SPANISH, "7", Attempt.FIRST));
        assertEquals("Lo sentimos, esa opción no es válida.", doc.elements().get(0).getTextContent());
        Element menu = getDigits(doc);
        assertEquals(BASE + "/ivr/menu-handler/es?attempt=2", menu.getAttribute("action"));
        assertTrue(doc.all("Speak").stream().allMatch(s -> s.getAttribute("language").equals("es-MX")));
        assertEquals(List.of(BASE + "/ivr/no-input/es"), doc.all("Redirect").stream().map(Element::getTextContent)
                .toList(), "the only Redirect is the menu's own no-input step, never level 1");
    }

    @Test
    void thirdInvalidKeyAtLevelTwoEndsTheCall() {
        PlivoXmlDoc doc = doc(flow.menuChosen(Language.ENGLISH, null, new Attempt(3)));
        assertEquals(List.of("Speak", "Speak", "Hangup"), doc.tags());
    }

    @Test
    void associateBusyOrNotAnsweringOffersTheMenuAgainInTheCallersLanguage() {
        for (String status : new String[] {"busy", "no-answer", "failed", "timeout", null, "weird"}) {
            PlivoXmlDoc doc = doc(flow.dialEnded(Language.SPANISH, DialOutcome.fromDialStatus(status),
                    Attempt.FIRST));
            assertEquals("Lo sentimos, no hay ningún asociado disponible en este momento.",
                    doc.elements().get(0).getTextContent(), "status " + status);
            assertEquals(BASE + "/ivr/menu-handler/es?attempt=2", getDigits(doc).getAttribute("action"));
        }
    }

    @Test
    void associateUnavailableOnTheLastAttemptSaysCallBackLaterAndHangsUp() {
        PlivoXmlDoc doc = doc(flow.dialEnded(Language.ENGLISH, DialOutcome.UNAVAILABLE, new Attempt(3)));
        assertEquals(List.of("Speak", "Speak", "Hangup"), doc.tags());
        assertEquals("Please call again later. Goodbye.", doc.elements().get(1).getTextContent());
    }

    @Test
    void completedAssociateCallHangsUp() {
        assertEquals(List.of("Hangup"), doc(flow.dialEnded(Language.ENGLISH, DialOutcome.COMPLETED,
                Attempt.FIRST)).tags());
    }

    @Test
    void withoutAnAssociateOptionTwoSaysNobodyIsAvailable() {
        CallFlow noAssociate = flow(Optional.empty());
        PlivoXmlDoc doc = doc(noAssociate.menuChosen(Language.ENGLISH, "2", Attempt.FIRST));
        assertTrue(doc.find("Dial").isEmpty());
        assertEquals("Sorry, no associate is available right now.", doc.elements().get(0).getTextContent());
        assertEquals(BASE + "/ivr/menu-handler/en?attempt=2", getDigits(doc).getAttribute("action"));
    }

    @Test
    void lastAttemptDocumentsNeverLeadAnywhereButHangup() {
        Attempt last = new Attempt(Attempt.MAX);
        List<PlivoDocument> finals = List.of(
                flow.languageChosen("9", last),
                flow.menuChosen(Language.ENGLISH, "9", last),
                flow.menuChosen(Language.SPANISH, "9", last),
                flow.dialEnded(Language.ENGLISH, DialOutcome.UNAVAILABLE, last),
                flow.dialEnded(Language.SPANISH, DialOutcome.UNAVAILABLE, last));
        for (PlivoDocument document : finals) {
            PlivoXmlDoc doc = doc(document);
            assertTrue(doc.all("GetDigits").isEmpty() && doc.all("Redirect").isEmpty()
                    && doc.all("Dial").isEmpty(), document.text());
            assertEquals("Hangup", doc.tags().get(doc.tags().size() - 1));
        }
    }

    @Test
    void documentsAreRenderedOnceAndReused() {
        assertSame(flow.welcome(Attempt.FIRST), flow.welcome(Attempt.parse("1")));
        assertSame(flow.menuChosen(Language.ENGLISH, "5", Attempt.FIRST),
                flow.menuChosen(Language.ENGLISH, "x", Attempt.FIRST));
    }

    @Test
    void everyDocumentIsWellFormedAbsoluteAndFarBelowPlivosSizeLimit() {
        for (int n = 1; n <= Attempt.MAX; n++) {
            Attempt attempt = new Attempt(n);
            check(flow.welcome(attempt));
            for (String key : new String[] {"1", "2", "3"}) {
                check(flow.languageChosen(key, attempt));
                for (Language language : Language.values()) {
                    check(flow.menuChosen(language, key, attempt));
                }
            }
            for (Language language : Language.values()) {
                check(flow.mainMenu(language, attempt));
                check(flow.dialEnded(language, DialOutcome.UNAVAILABLE, attempt));
            }
        }
    }

    private static void check(PlivoDocument document) {
        assertTrue(document.length() < 100 * 1024, "Plivo limit is 100 KB");
        PlivoXmlDoc doc = doc(document);
        for (String tag : new String[] {"GetDigits", "Dial"}) {
            for (Element e : doc.all(tag)) {
                assertTrue(e.getAttribute("action").startsWith(BASE + "/ivr/"), e.getAttribute("action"));
            }
        }
        for (Element redirect : doc.all("Redirect")) {
            assertTrue(redirect.getTextContent().startsWith(BASE + "/ivr/"));
        }
    }

    @Test
    void buildingTheDocumentsPrintsNothingOnStandardOutput() {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            flow(Optional.of(ASSOCIATE));
        } finally {
            System.setOut(original);
        }
        assertEquals("", printed.toString(), "plivo-java prints the language of every Polly voice it validates");
    }

    @Test
    void otherThreadsStillPrintWhileTheDocumentsAreBuilt() throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        try (QuietStandardOutput quiet = QuietStandardOutput.forCurrentThread()) {
            System.out.println("dropped");
            Thread other = new Thread(() -> System.out.println("kept"));
            other.start();
            other.join();
        } finally {
            System.setOut(original);
        }
        assertEquals("kept" + System.lineSeparator(), printed.toString());
    }
}
