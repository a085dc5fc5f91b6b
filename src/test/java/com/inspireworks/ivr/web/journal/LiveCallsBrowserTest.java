package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.HeadlessChromium;
import com.inspireworks.ivr.support.SignIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The journal as an operator sees it, in headless Chromium (Debian's chromium and chromium-driver): the live view is
 * open while a simulated call is placed and walked on its phone page; the call appears in the live view and follows
 * every step without a reload; then the operator finds it in /calls and its path reads as what the phone page heard.
 * Takes the screenshots target/live-calls.png, target/call-path.png and target/calls.png.
 */
class LiveCallsBrowserTest {

    /** Simulated calls take real time on the simulator's clock: speech, timeouts, ringing. */
    static final Duration PATIENCE = Duration.ofSeconds(40);

    static EmbeddedIvr ivr;
    static HeadlessChromium chromium;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        int port = EmbeddedIvr.freePort();
        ivr = EmbeddedIvr.start(port, "", Map.of(
                "ivr.public-url", "http://127.0.0.1:" + port,
                "ivr.associate-number", "+14155550199"));
        chromium = HeadlessChromium.start(options -> options.addArguments("--window-size=1280,1000"));
        browser = chromium.driver();
        wait = new WebDriverWait(browser, PATIENCE);
        signIn();
    }

    /** Signs in as an operator through the sign-in page and waits for the call form. */
    static void signIn() {
        SignIn.inBrowser(browser, ivr);
        browser.get(ivr.baseUrl() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("to")));
        browser.manage().logs().get(LogType.BROWSER); // the unauthenticated /login above is no error of the pages
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            ivr.close();
        }
    }

    /** No script error, failed request or Content-Security-Policy violation since the last look. */
    static void assertTheConsoleStayedClean() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("/favicon.ico"))
                .toList();
        assertEquals(List.of(), errors);
    }

    static WebElement button(String name) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + name + "']"));
    }

    static void press(char key) {
        browser.findElement(By.cssSelector(".keypad button[data-key='" + key + "']")).click();
    }

    static void hear(String words) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), words));
    }

    static String liveRow(String callId) {
        return "#live-calls tr[data-call-id='" + callId + "']";
    }

    @Test
    void aCallAppearsLiveFollowsEveryStepAndIsFoundWithThePathThePhoneHeard() throws IOException {
        browser.get(ivr.baseUrl() + "/calls/live");
        String live = browser.getWindowHandle();
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
        assertTrue(browser.findElement(By.cssSelector("[data-time-zone]")).getText().startsWith("your time zone ("),
                "times are labelled with the browser's zone");

        // The operator places a simulated call from the form in another tab: its phone page rings.
        browser.switchTo().newWindow(WindowType.TAB);
        String phone = browser.getWindowHandle();
        browser.get(ivr.baseUrl() + "/");
        browser.findElement(By.id("to")).sendKeys("+1 415 555 0123");
        browser.findElement(By.id("call-button")).click();
        wait.until(ExpectedConditions.urlMatches("/simulator/calls/[0-9a-f-]{36}$"));
        String url = browser.getCurrentUrl();
        String callId = url.substring(url.lastIndexOf('/') + 1);

        browser.switchTo().window(live);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(liveRow(callId))));
        assertEquals("+14155550123", browser.findElement(By.cssSelector(liveRow(callId) + " a.call-link")).getText());
        assertTrue(browser.findElement(By.id("no-live-calls")).getAttribute("hidden") != null);

        // The callee answers, picks Spanish, asks for the associate, who is busy, hears the menu again, hangs up.
        browser.switchTo().window(phone);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("answer"))).click();
        hear("Para español, oprima 2.");
        press('2');
        hear("Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2.");
        press('2');
        hear("+14155550199");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dial-controls")));
        browser.findElement(By.cssSelector("#dial-controls button[data-outcome='busy']")).click();
        hear("Lo sentimos, no hay ningún asociado disponible en este momento.");
        wait.until(driver -> spoken().stream().filter(text -> text.startsWith("Para escuchar")).count() == 2);
        List<String> heard = spoken();

        browser.switchTo().window(live);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(liveRow(callId)
                + " .call-last-step"), "associate busy"));
        assertEquals("Español", browser.findElement(By.cssSelector(liveRow(callId) + " .call-language")).getText());
        assertEquals("associate", browser.findElement(By.cssSelector(liveRow(callId) + " .call-option")).getText());
        assertEquals("in progress", browser.findElement(By.cssSelector(liveRow(callId) + " .call-state")).getText());

        browser.switchTo().window(phone);
        button("Hang up").click();
        wait.until(ExpectedConditions.textMatches(By.id("call-state"), Pattern.compile("^Ended")));
        assertTheConsoleStayedClean();

        browser.switchTo().window(live);
        wait.until(ExpectedConditions.attributeContains(By.cssSelector(liveRow(callId)), "class", "state-completed"));
        List<String> steps = new ArrayList<>();
        for (WebElement step : browser.findElements(By.cssSelector("#live-steps li[data-call-id='" + callId + "']"
                + " .step-words"))) {
            steps.add(0, step.getText());
        }
        assertEquals(List.of("requested", "ringing", "answered", "chose Español", "heard the menu in Español",
                "pressed 2, the associate", "ringing the associate", "associate busy"),
                steps.subList(0, steps.size() - 1), "every step arrived live, in order");
        assertTrue(steps.get(steps.size() - 1).startsWith("hung up"), steps.toString());
        screenshot("live-calls.png");
        assertTheConsoleStayedClean();

        // Later, in the list of calls: the row opens the call, whose path is what the phone page heard.
        browser.get(ivr.baseUrl() + "/calls?to=%2B14155550123");
        browser.findElement(By.cssSelector("#calls tr[data-call-id='" + callId + "'] a.call-link")).click();
        wait.until(ExpectedConditions.urlContains("/calls/" + callId));
        List<WebElement> path = browser.findElements(By.cssSelector("#call-path li"));
        List<String> words = path.stream().map(WebElement::getText).toList();
        assertEquals(6, words.size(), words.toString());
        assertTrue(words.get(0).matches("answered \\d\\d:\\d\\d:\\d\\d"), words.get(0));
        assertEquals(List.of("chose Español", "pressed 2", "associate busy", "heard the menu again"),
                words.subList(1, 5));
        assertTrue(words.get(5).matches("hung up \\d\\d:\\d\\d:\\d\\d, [A-Z_]+, \\d+ s"), words.get(5));

        // The same story as the phone page's transcript, in the same order.
        assertInOrder(heard,
                "Para español, oprima 2.",                                         // answered
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2.", // chose Español
                "Por favor espere mientras le comunicamos con un asociado.",      // pressed 2
                "Lo sentimos, no hay ningún asociado disponible en este momento.", // associate busy
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2."); // menu again
        assertEquals("completed", browser.findElement(By.id("call-state")).getText());
        screenshot("call-path.png");
        assertTheConsoleStayedClean();
    }

    /** What the phone page said aloud so far, in order. */
    static List<String> spoken() {
        return browser.findElements(By.cssSelector("#transcript li.speak q")).stream().map(WebElement::getText)
                .toList();
    }

    static void assertInOrder(List<String> heard, String... expected) {
        int at = 0;
        for (String words : expected) {
            while (at < heard.size() && !heard.get(at).equals(words)) {
                at++;
            }
            assertTrue(at < heard.size(), "not heard in this order: " + words + " in " + heard);
            at++;
        }
    }

    @Test
    void theFunnelIsDrawnOnTheListOfCalls() throws IOException {
        browser.get(ivr.baseUrl() + "/calls");
        WebElement chart = browser.findElement(By.cssSelector("#funnel svg"));
        assertTrue(chart.getSize().getWidth() > 300, "drawn, not collapsed: " + chart.getSize());
        List<WebElement> bars = browser.findElements(By.cssSelector("#funnel rect.funnel-bar"));
        assertEquals(7, bars.size());
        Matcher title = Pattern.compile("Funnel of calls placed: \\d+").matcher(
                browser.findElement(By.cssSelector("#funnel title")).getAttribute("textContent"));
        assertTrue(title.find());
        assertTheConsoleStayedClean();
        screenshot("calls.png");
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
    }
}
