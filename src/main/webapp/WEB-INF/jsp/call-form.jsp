<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>InspireWorks IVR — place a call</title>
  <link rel="icon" href="<c:out value='${ctx}'/>/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/app.css">
</head>
<body>
<main>
  <%@ include file="operator-nav.jspf" %>
  <h1>InspireWorks IVR</h1>
  <p class="lead">Enter a phone number. Plivo calls it and the callee hears the two-level menu
    (English or Spanish, then a recorded message or a live associate).</p>

  <c:if test="${not empty form.unavailableReason}">
    <p class="notice" id="calls-disabled" role="status"><c:out value="${form.unavailableReason}"/></p>
    <p class="notice" id="simulation-mode">Simulation mode: no call leaves this computer. The number you enter rings
      a phone in your browser, and the built-in simulator plays Plivo's part against this application.</p>
  </c:if>

  <c:if test="${not empty form.lastCall}">
    <c:choose>
      <c:when test="${form.lastCall.placed}">
        <div class="result ok" id="call-result" role="status">
          <p><c:out value="${form.lastCall.message}"/></p>
          <p>Plivo request UUID: <code id="request-uuid"><c:out value="${form.lastCall.requestUuid}"/></code></p>
          <p><a id="call-link" href="<c:out value='${ctx}'/>/calls/<c:out value='${form.lastCall.callId}'/>">Follow this
            call</a>: its path through the menus, step by step.</p>
        </div>
      </c:when>
      <c:otherwise>
        <div class="result error" id="call-error" role="alert">
          <p><c:out value="${form.lastCall.message}"/></p>
        </div>
      </c:otherwise>
    </c:choose>
  </c:if>

  <form method="post" action="<c:out value='${ctx}'/>/make-call" class="call-form">
    <input type="hidden" name="csrf" value="<c:out value='${csrfToken}'/>">
    <label for="to">Phone number (international format, E.164)</label>
    <input id="to" name="to" type="tel" inputmode="tel" autocomplete="tel" maxlength="40" required
           placeholder="+14155550123"
           value="<c:if test='${not empty form.lastCall and not form.lastCall.placed}'><c:out value='${form.lastCall.to}'/></c:if>">
    <c:choose>
      <c:when test="${not empty form.unavailableReason}">
        <button type="submit" id="call-button">Call in the simulator</button>
      </c:when>
      <c:otherwise>
        <button type="submit" id="call-button">Call this number</button>
        <button type="submit" id="simulate-button" class="secondary"
                formaction="<c:out value='${ctx}'/>/simulator/calls">Simulate a call</button>
      </c:otherwise>
    </c:choose>
  </form>

  <h2>In use</h2>
  <dl class="settings">
    <dt>Plivo number (caller id)</dt>
    <dd id="plivo-number"><c:out value="${empty form.plivoNumber ? 'not configured' : form.plivoNumber}"/></dd>
    <dt>Live associate</dt>
    <dd id="associate-number"><c:out value="${empty form.associateNumber ? 'not configured' : form.associateNumber}"/></dd>
    <dt>Answer URL</dt>
    <dd><code id="answer-url"><c:out value="${form.answerUrl}"/></code></dd>
  </dl>
</main>
</body>
</html>
