package com.inspireworks.ivr.config;

import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.phone.NumberClass;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The application's configuration, read once at start-up and validated ({@link SettingsReader}). Immutable.
 *
 * @param authId Plivo account id, if configured
 * @param authToken Plivo auth token, if configured; masked when printed
 * @param phoneNumber our Plivo number in E.164: caller id of outbound calls and of the Dial to the associate
 * @param associateNumber the live associate in E.164
 * @param publicUrl base URL at which Plivo reaches this application, context path included, no trailing slash
 * @param publicUrlConfigured false when {@code publicUrl} is the local default (Plivo cannot reach it)
 * @param audioUrls recorded message per language
 * @param plivoApiUrl base of Plivo's REST API (a fake one in tests)
 * @param connectTimeout connect timeout towards Plivo's API
 * @param readTimeout read timeout towards Plivo's API
 * @param callTimeLimit longest an outbound call may last before Plivo hangs it up
 * @param mainAccountToken token of the Plivo main account, for {@code X-Plivo-Signature-Ma-V3}; masked
 * @param verifySignatures whether webhooks must carry a valid Plivo signature (only possible with a token)
 * @param maxCallsPerMinute calls one operator may place per minute
 * @param maxCallsPerHour calls the whole application may place per hour
 * @param allowedCountries ISO codes of the countries calls may go to; empty allows all
 * @param allowedNumberClasses number classes called on top of the default ones (satellite, personal ...)
 * @param maxConcurrentOperatorRequests operator requests served at once (webhooks, health, static files excluded)
 * @param maxConcurrentSignIns sign-ins (password checks) run at once
 * @param database where the call journal is stored (when no container DataSource is configured) and for how long
 */
public record IvrSettings(
        Optional<String> authId,
        Optional<Secret> authToken,
        Optional<String> phoneNumber,
        Optional<String> associateNumber,
        URI publicUrl,
        boolean publicUrlConfigured,
        Map<Language, URI> audioUrls,
        URI plivoApiUrl,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeLimit,
        Optional<Secret> mainAccountToken,
        boolean verifySignatures,
        int maxCallsPerMinute,
        int maxCallsPerHour,
        Set<String> allowedCountries,
        Set<NumberClass> allowedNumberClasses,
        int maxConcurrentOperatorRequests,
        int maxConcurrentSignIns,
        DatabaseSettings database) {

    public IvrSettings {
        Objects.requireNonNull(authId);
        Objects.requireNonNull(authToken);
        Objects.requireNonNull(phoneNumber);
        Objects.requireNonNull(associateNumber);
        Objects.requireNonNull(publicUrl);
        audioUrls = Collections.unmodifiableMap(new EnumMap<>(audioUrls));
        for (Language language : Language.values()) {
            Objects.requireNonNull(audioUrls.get(language), "audio URL for " + language);
        }
        Objects.requireNonNull(plivoApiUrl);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(readTimeout);
        Objects.requireNonNull(callTimeLimit);
        Objects.requireNonNull(mainAccountToken);
        allowedCountries = Set.copyOf(allowedCountries);
        allowedNumberClasses = Set.copyOf(allowedNumberClasses);
        Objects.requireNonNull(database);
    }

    /**
     * What is missing before real calls can be placed, as configuration keys; empty when calls can be placed.
     * The web form shows this list so an operator knows exactly what to configure.
     */
    public List<String> missingForCalls() {
        List<String> missing = new ArrayList<>();
        if (authId.isEmpty()) {
            missing.add(SettingKeys.AUTH_ID);
        }
        if (authToken.isEmpty()) {
            missing.add(SettingKeys.AUTH_TOKEN);
        }
        if (phoneNumber.isEmpty()) {
            missing.add(SettingKeys.PHONE_NUMBER);
        }
        if (!publicUrlConfigured) {
            missing.add(SettingKeys.PUBLIC_URL);
        }
        return List.copyOf(missing);
    }

    /** Webhook signatures are checked when enabled and a token to check them with is configured. */
    public boolean checksSignatures() {
        return verifySignatures && (authToken.isPresent() || mainAccountToken.isPresent());
    }

    public boolean canPlaceCalls() {
        return missingForCalls().isEmpty();
    }
}
