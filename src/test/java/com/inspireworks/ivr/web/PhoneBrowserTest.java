package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.SignIn;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The phone page in headless Chromium (Debian's chromium and chromium-driver), as a newcomer without a Plivo account
 * uses it: open the form, place a simulated call, answer, press keys, choose the associate's answer. Also takes the
 * screenshot the documentation shows (target/phone-page.png; docs/phone-page.png with
 * {@code -Divr.update-screenshot=true}).
 */
class PhoneBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static EmbeddedIvr ivr;
    static ChromeDriver browser;
    static Path profile;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        int port = EmbeddedIvr.freePort();
        ivr = EmbeddedIvr.start(port, "", Map.of(
                "ivr.public-url", "http://127.0.0.1:" + port,
                "plivo.phone-number", "+14155550100",
                "ivr.associate-number", "+14155550199"));
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("ivr-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // Operator pages need a signed-in session: sign in through the sign-in page, as an operator does.
        SignIn.inBrowser(browser, ivr);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            ivr.close();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** No script error, failed request or Content-Security-Policy violation on any page the test visited. */
    @AfterEach
    void theConsoleStayedClean() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("/favicon.ico"))   // the browser asks on its own; there is none
                .toList();
        assertEquals(List.of(), errors);
    }

    static void placeCall(String number) {
        browser.get(ivr.baseUrl() + "/");
        browser.findElement(By.id("to")).sendKeys(number);
        browser.findElement(By.id("call-button")).click();
        wait.until(ExpectedConditions.urlMatches("/simulator/calls/[0-9a-f]{32}$"));
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "Ringing…"));
    }

    static WebElement button(String accessibleName) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + accessibleName + "']"));
    }

    static void press(char key) {
        browser.findElement(By.cssSelector(".keypad button[data-key='" + key + "']")).click();
    }

    static void hear(String words) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), words));
    }

    static List<String> spoken() {
        return browser.findElements(By.cssSelector("#transcript li.speak q")).stream().map(WebElement::getText)
                .toList();
    }

    @Test
    void aSpanishCallerFindsNoAssociateAndHearsTheMenuAgain() throws IOException {
        placeCall("+1 415 555 0123");
        assertEquals("+14155550123", browser.findElement(By.id("callee")).getText());
        List<String> keys = browser.findElements(By.cssSelector(".keypad button")).stream()
                .map(WebElement::getAccessibleName).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"), keys);

        button("Answer").click();
        hear("Para español, oprima 2.");
        assertEquals("In progress", browser.findElement(By.id("call-state")).getText());
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
        assertEquals("In progress", browser.findElement(By.id("call-state")).getText());
        assertTrue(!browser.findElement(By.id("dial-controls")).isDisplayed());
        screenshot();
    }

    @Test
    void stayingSilentEndsTheCallWithAGoodbye() {
        placeCall("+14155550123");
        button("Answer").click();
        hear("For English, press 1.");
        button("Stay silent").click();
        wait.until(driver -> spoken().size() == 4);
        button("Stay silent").click();
        hear("We did not receive any input. Goodbye.");
        wait.until(ExpectedConditions.textMatches(By.id("call-state"), java.util.regex.Pattern.compile("^Ended: ")));
        assertTrue(button("Hang up").getAttribute("disabled") != null);
        assertTrue(!button("2").isEnabled());
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
}
