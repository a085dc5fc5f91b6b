package com.inspireworks.ivr.web;

import com.inspireworks.ivr.app.IvrComponents;

import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.config.SettingKeys;
import com.inspireworks.ivr.journal.CallJournal;
import com.inspireworks.ivr.journal.JournalHealth;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} for load balancers and monitoring. Says whether the app is up, whether it can place calls,
 * which settings are present (never a setting's value), and whether the call journal stores what it is given:
 * {@code "journal":"DOWN"} with {@code "journalEventsNotStored"} while its database is unavailable. The answer stays
 * 200 then, because callers still hear their menus; only new calls are refused until the journal is back.
 */
public final class HealthServlet extends HttpServlet {

    private transient Map<String, Object> settingsPart;
    private transient CallJournal journal;

    @Override
    public void init() throws ServletException {
        IvrComponents components = IvrComponents.of(getServletContext());
        IvrSettings settings = components.settings();
        journal = components.journal();
        Map<String, Boolean> present = new LinkedHashMap<>();
        present.put(SettingKeys.AUTH_ID, settings.authId().isPresent());
        present.put(SettingKeys.AUTH_TOKEN, settings.authToken().isPresent());
        present.put(SettingKeys.PHONE_NUMBER, settings.phoneNumber().isPresent());
        present.put(SettingKeys.ASSOCIATE_NUMBER, settings.associateNumber().isPresent());
        present.put(SettingKeys.PUBLIC_URL, settings.publicUrlConfigured());
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("callsEnabled", settings.canPlaceCalls());
        part.put("settings", present);
        settingsPart = Map.copyOf(part);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JournalHealth health = journal.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("callsEnabled", settingsPart.get("callsEnabled"));
        body.put("settings", settingsPart.get("settings"));
        body.put("journal", health.up() ? "UP" : "DOWN");
        body.put("journalEventsNotStored", health.eventsNotStored());
        body.put("journalEventsDropped", health.eventsDropped());
        Json.send(response, HttpServletResponse.SC_OK, body);
    }
}
