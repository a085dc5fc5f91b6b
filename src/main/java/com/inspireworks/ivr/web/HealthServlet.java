package com.inspireworks.ivr.web;

import com.inspireworks.ivr.app.IvrComponents;

import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.config.SettingKeys;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} for load balancers and monitoring. Says whether the app is up, whether it can place calls,
 * and which settings are present; never a setting's value.
 */
public final class HealthServlet extends HttpServlet {

    private transient Map<String, Object> body;

    @Override
    public void init() throws ServletException {
        IvrSettings settings = IvrComponents.of(getServletContext()).settings();
        Map<String, Boolean> present = new LinkedHashMap<>();
        present.put(SettingKeys.AUTH_ID, settings.authId().isPresent());
        present.put(SettingKeys.AUTH_TOKEN, settings.authToken().isPresent());
        present.put(SettingKeys.PHONE_NUMBER, settings.phoneNumber().isPresent());
        present.put(SettingKeys.ASSOCIATE_NUMBER, settings.associateNumber().isPresent());
        present.put(SettingKeys.PUBLIC_URL, settings.publicUrlConfigured());
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("callsEnabled", settings.canPlaceCalls());
        health.put("settings", present);
        body = Map.copyOf(health);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.send(response, HttpServletResponse.SC_OK, body);
    }
}
