package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.HeadlessChromium;
import com.inspireworks.ivr.support.SignIn;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The phone page in headless Chromium (Debian's chromium and chromium-driver) at a phone's size, 390 × 844, as a
 * newcomer without a Plivo account uses it: open the form, place a simulated call, answer, press keys, choose the
 * associate's answer, listen to the recorded message, fast-forward. What is asserted is what the person sees: the
 * heading and the keypad on screen, the transcript, the audio player while the call is on, a clean console.
 * Also takes the screenshot the documentation shows (target/phone-page.png; docs/phone-page.png with
 * {@code -Divr.update-screenshot=true}).
 *
 * <p>No Chrome DevTools Protocol: Selenium 4.49 has none for Chromium 150, so the console is read through
 * WebDriver's standard browser log ({@code goog:loggingPrefs}) and the login is given in the URL ({@link #signIn}).
 */
class PhoneBrowserTest {

    static final int WIDTH = 390;
    static final int HEIGHT = 844;
    /** The recorded message: a WAV of this length served on loopback, so the browser can measure it. */
    static final int MESSAGE_SECONDS = 3;

    static EmbeddedIvr ivr;
    static HttpServer media;
    static String messageUrl;
    static HeadlessChromium chromium;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        media = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        byte[] wav = silentWav(MESSAGE_SECONDS);
        media.createContext("/message.wav", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "audio/wav");
                exchange.sendResponseHeaders(200, wav.length);
                exchange.getResponseBody().write(wav);
            }
        });
        media.start();
        messageUrl = "http://127.0.0.1:" + media.getAddress().getPort() + "/message.wav";

        int port = EmbeddedIvr.freePort();
        ivr = EmbeddedIvr.start(port, "", Map.of(
                "ivr.public-url", "http://127.0.0.1:" + port,
                "plivo.phone-number", "+14155550100",
                "ivr.associate-number", "+14155550199",
                "ivr.audio-url.en", messageUrl,
                "ivr.max-calls-per-minute", "100"));
        // Headless Chromium keeps a window at least 500 px wide: chromedriver's device metrics set the viewport.
        chromium = HeadlessChromium.start(options -> {
            options.addArguments("--mute-audio");
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of(
                    "width", WIDTH, "height", HEIGHT, "pixelRatio", 1.0, "touch", false, "mobile", false)));
        });
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        signIn();
        assertEquals(WIDTH + "x" + HEIGHT, ((JavascriptExecutor) browser).executeScript(
                "return window.innerWidth + 'x' + window.innerHeight;"), "the viewport of a phone");
    }

    /** Signs the browser in as an operator, through the sign-in page (FORM login), and waits for the call form. */
    static void signIn() {
        SignIn.inBrowser(browser, ivr);
        browser.get(ivr.baseUrl() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("to")));
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            ivr.close();
            media.stop(0);
        }
    }

    /**
     * No script error, failed request (a missing /favicon.ico included) or Content-Security-Policy violation on any
     * page the test visited.
     */
    @AfterEach
    void theConsoleStayedClean() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertEquals(List.of(), errors);
    }

    static void placeCall(String number) {
        browser.get(ivr.baseUrl() + "/");
        browser.findElement(By.id("to")).sendKeys(number);
        browser.findElement(By.id("call-button")).click();
        wait.until(ExpectedConditions.urlMatches("/simulator/calls/[0-9a-f-]{36}$"));
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "Ringing…"));
    }

    static WebElement button(String accessibleName) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + accessibleName + "']"));
    }

    static WebElement key(char key) {
        return browser.findElement(By.cssSelector(".keypad button[data-key='" + key + "']"));
    }

    static void press(char key) {
        key(key).click();
    }

    static void hear(String words) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), words));
    }

    static List<String> spoken() {
        return browser.findElements(By.cssSelector("#transcript li.speak q")).stream().map(WebElement::getText)
                .toList();
    }

    static String state() {
        return browser.findElement(By.id("call-state")).getText();
    }

    /** Whether the element is entirely inside the window, where the person sees it without scrolling. */
    static boolean onScreen(WebElement element) {
        Object inside = ((JavascriptExecutor) browser).executeScript(
                "var r = arguments[0].getBoundingClientRect();"
                        + " return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight"
                        + " && r.right <= window.innerWidth && r.height > 0;", element);
        return Boolean.TRUE.equals(inside);
    }

    static String position(WebElement element) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "var r = arguments[0].getBoundingClientRect(); return 'top ' + r.top + ', bottom ' + r.bottom"
                        + " + ' of a ' + window.innerWidth + 'x' + window.innerHeight + ' window, page scrolled '"
                        + " + window.scrollY;", element));
    }

    @Test
    void aSpanishCallerFindsNoAssociateAndHearsTheMenuAgain() throws IOException {
        placeCall("+1 415 555 0123");
        WebElement heading = browser.findElement(By.tagName("h1"));
        assertTrue(onScreen(heading), "the heading is visible on load: " + position(heading));
        assertEquals("+14155550123", browser.findElement(By.id("callee")).getText());
        List<String> keys = browser.findElements(By.cssSelector(".keypad button")).stream()
                .map(WebElement::getAccessibleName).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"), keys);

        button("Answer").click();
        hear("Para español, oprima 2.");
        assertEquals("In progress", state());
        assertEquals("es-MX", browser.findElement(By.xpath("//q[.='Para español, oprima 2.']")).getAttribute("lang"));

        press('2');
        hear("Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2.");
        press('2');
        hear("Ringing the associate: +14155550199");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dial-controls")));
        button("No answer").click();
        hear("Lo sentimos, no hay ningún asociado disponible en este momento.");
        wait.until(driver -> spoken().size() >= 6);
        List<String> heard = spoken();
        assertEquals(List.of("Lo sentimos, no hay ningún asociado disponible en este momento.",
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2."),
                heard.subList(heard.size() - 2, heard.size()));
        assertEquals("In progress", state());
        assertFalse(browser.findElement(By.id("dial-controls")).isDisplayed());
        screenshot();

        press('9');
        hear("Lo sentimos, esa opción no es válida.");
        wait.until(driver -> spoken().size() >= 8);
        for (char each : new char[] {'1', '0', '#'}) {
            assertTrue(onScreen(key(each)), "key " + each + " after several presses: " + position(key(each)));
        }
        assertTrue(onScreen(button("Hang up")), position(button("Hang up")));
        assertTrue(onScreen(heading), "the page itself did not scroll: " + position(heading));
        WebElement lastLine = browser.findElement(By.cssSelector("#transcript li:last-child"));
        wait.until(driver -> onScreen(lastLine));
    }

    @Test
    void fastForwardSkipsTheWaitsOfASilentCallerUntilTheGoodbye() {
        placeCall("+14155550123");
        button("Answer").click();
        hear("For English, press 1.");
        WebElement countdown = browser.findElement(By.id("countdown"));
        wait.until(driver -> countdown.getText().contains("for a key (timeout)"));
        assertTrue(countdown.getText().matches("(?s).*\\d+(\\.\\d)? s left.*"), countdown.getText());
        assertTrue(onScreen(button("Fast-forward")), position(button("Fast-forward")));

        for (int i = 0; i < 20 && !state().startsWith("Ended"); i++) {
            int lines = browser.findElements(By.cssSelector("#transcript li")).size();
            wait.until(driver -> button("Fast-forward").isEnabled() || state().startsWith("Ended"));
            if (state().startsWith("Ended")) {
                break;
            }
            button("Fast-forward").click();
            wait.until(driver -> browser.findElements(By.cssSelector("#transcript li")).size() > lines);
        }
        hear("We did not receive any input. Goodbye.");
        assertTrue(browser.findElements(By.cssSelector("#transcript li.note")).stream()
                .anyMatch(note -> note.getText().matches("(?s).*Fast-forward: [0-9.]+ s skipped\\.")));
        wait.until(ExpectedConditions.textMatches(By.id("call-state"), Pattern.compile("^Ended: ")));
        assertEquals(List.of("For English, press 1.", "Para español, oprima 2.", "For English, press 1.",
                "Para español, oprima 2.", "We did not receive any input. Goodbye.",
                "No recibimos ninguna respuesta. Adiós."), spoken());
        wait.until(driver -> button("Hang up").getAttribute("disabled") != null);
        assertFalse(key('2').isEnabled());
        assertFalse(button("Fast-forward").isEnabled());
        String clock = browser.findElement(By.id("call-clock")).getText();
        assertTrue(clock.matches("0:2\\d"), "the call lasted as long as a real one (26 s), though skipped: " + clock);
    }

    @Test
    void theRecordedMessagePlaysInTheBrowserWhileTheCallIsStillOn() {
        placeCall("+14155550123");
        button("Answer").click();
        hear("For English, press 1.");
        press('1');
        hear("To hear a recorded message, press 1. To talk to an associate, press 2.");
        press('1');
        WebElement player = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#transcript li.play audio")));
        assertEquals("In progress", state(), "the player appears while the call is on");
        assertEquals(messageUrl, player.getAttribute("src"));
        hear("Your browser reports that this recording lasts " + MESSAGE_SECONDS + " s.");
        assertEquals("In progress", state());
        hear("Thank you for calling InspireWorks. Goodbye.");
        wait.until(ExpectedConditions.textMatches(By.id("call-state"), Pattern.compile("^Ended: ")));
        assertTrue(browser.findElements(By.cssSelector("#transcript li.note")).stream()
                .noneMatch(note -> note.getText().startsWith("Fast-forward")), "nobody skipped: it ended by itself");
    }

    @Test
    void everyPageNamesItsIconSoTheBrowserNeverAsksForFaviconIco() {
        for (String page : List.of("/", "/no-such-page")) {
            browser.get(ivr.baseUrl() + page);
            WebElement icon = browser.findElement(By.cssSelector("link[rel='icon']"));
            assertEquals(ivr.baseUrl() + "/static/favicon.svg", icon.getAttribute("href"), page);
        }
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + " fetch(document.querySelector(\"link[rel='icon']\").href).then(function (r) {"
                        + " done(r.status + ' ' + r.headers.get('Content-Type')); });");
        assertTrue(String.valueOf(status).startsWith("200 image/svg+xml"), String.valueOf(status));
        // The 404 page of /no-such-page is itself reported as a failed request: read it out of the log here.
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(message -> !message.contains("/no-such-page")).toList();
        assertEquals(List.of(), errors);
    }

    private static void screenshot() throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target", "phone-page.png");
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        if (Boolean.getBoolean("ivr.update-screenshot")) {
            Files.createDirectories(Path.of("docs"));
            Files.write(Path.of("docs", "phone-page.png"), png);
        }
    }

    /** A WAV file of {@code seconds} of silence: 8 kHz, 8 bit, mono PCM, which every browser decodes. */
    static byte[] silentWav(int seconds) {
        int rate = 8000;
        int samples = rate * seconds;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate).putShort((short) 1)
                .putShort((short) 8).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(samples);
        ByteArrayOutputStream wav = new ByteArrayOutputStream(44 + samples);
        wav.writeBytes(header.array());
        byte[] silence = new byte[samples];
        java.util.Arrays.fill(silence, (byte) 128);
        wav.writeBytes(silence);
        return wav.toByteArray();
    }
}
