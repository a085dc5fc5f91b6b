package com.inspireworks.ivr.support;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Signing in from a browser, through the sign-in page, as an operator does. */
public final class SignIn {

    private SignIn() {
    }

    /**
     * Opens {@code baseUrl/login}, fills in the form and waits until the browser has left the sign-in page; the
     * session cookie then keeps the browser signed in. Works with any browser Selenium drives (no DevTools needed).
     */
    public static void inBrowser(WebDriver browser, String baseUrl, String user, String password) {
        browser.get(baseUrl + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(
                ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** As {@link #inBrowser(WebDriver, String, String, String)}, as the embedded server's operator. */
    public static void inBrowser(WebDriver browser, EmbeddedIvr ivr) {
        inBrowser(browser, ivr.baseUrl(), EmbeddedIvr.OPERATOR, EmbeddedIvr.OPERATOR_PASSWORD);
    }
}
