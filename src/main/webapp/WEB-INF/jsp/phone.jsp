<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Simulated call to <c:out value="${callee}"/> — InspireWorks IVR</title>
  <link rel="icon" href="<c:out value='${ctx}'/>/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/app.css">
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/phone.css">
  <script src="<c:out value='${ctx}'/>/static/phone.js" defer></script>
</head>
<body class="phone-body">
<main class="phone-page" id="phone" data-api="<c:out value='${ctx}'/>/simulator/api/calls/<c:out value='${callId}'/>">
  <header class="phone-header">
    <%@ include file="sign-out.jspf" %>
    <h1>Simulated call to <span id="callee"><c:out value="${callee}"/></span></h1>
    <p class="lead">This page is the phone. The simulator plays Plivo's part against this application, in real
      time; nothing is sent to Plivo.</p>
  </header>

  <div class="phone-layout">
    <section class="handset" aria-label="Phone">
      <div class="status-row">
        <p id="call-state" class="call-state" role="status" aria-live="polite">Connecting…</p>
        <time id="call-clock" class="call-clock" title="Call time">0:00</time>
      </div>
      <p id="call-hint" class="hint"></p>
      <p id="countdown" class="countdown" aria-live="off" hidden><span id="countdown-what"></span>
        <strong id="countdown-left"></strong></p>

      <div class="ringing-controls" id="ringing-controls" hidden>
        <button type="button" id="answer" class="answer">Answer</button>
        <button type="button" id="decline" class="hang-up">Decline</button>
      </div>

      <div class="dial-controls" id="dial-controls" role="group" aria-labelledby="dial-question" hidden>
        <p id="dial-question">The associate's phone is ringing. How does it answer?</p>
        <button type="button" data-outcome="answered">Associate answers</button>
        <button type="button" data-outcome="busy">Busy</button>
        <button type="button" data-outcome="no-answer">No answer</button>
        <button type="button" data-outcome="failed">Number fails</button>
        <button type="button" data-outcome="timeout">Network timeout</button>
      </div>

      <p class="keys-so-far" aria-live="polite">Typed: <output id="keys-so-far"></output></p>
      <div class="keypad" role="group" aria-label="Keypad">
        <button type="button" data-key="1">1</button>
        <button type="button" data-key="2">2</button>
        <button type="button" data-key="3">3</button>
        <button type="button" data-key="4">4</button>
        <button type="button" data-key="5">5</button>
        <button type="button" data-key="6">6</button>
        <button type="button" data-key="7">7</button>
        <button type="button" data-key="8">8</button>
        <button type="button" data-key="9">9</button>
        <button type="button" data-key="*">*</button>
        <button type="button" data-key="0">0</button>
        <button type="button" data-key="#">#</button>
      </div>
      <div class="call-controls">
        <button type="button" id="fast-forward"
                title="Skip to the end of what the call is doing now">Fast-forward</button>
        <button type="button" id="hang-up" class="hang-up">Hang up</button>
      </div>
      <p id="api-error" class="api-error" role="alert" hidden></p>
      <div class="handset-footer">
        <p class="voice-toggle">
          <input type="checkbox" id="speak-aloud" checked>
          <label for="speak-aloud">Sound on</label>
          <span id="speech-unavailable" class="hint" hidden>(no speech in this browser)</span>
        </p>
        <p><a href="<c:out value='${ctx}'/>/">New call</a></p>
      </div>
    </section>

    <section class="transcript" aria-labelledby="transcript-heading">
      <h2 id="transcript-heading">What the caller hears</h2>
      <ol id="transcript" class="events"></ol>
    </section>
  </div>
</main>
</body>
</html>
