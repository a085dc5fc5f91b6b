<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>InspireWorks IVR — live calls</title>
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/app.css">
  <script src="<c:out value='${ctx}'/>/static/local-time.js" defer></script>
  <script src="<c:out value='${ctx}'/>/static/live-calls.js" defer></script>
</head>
<body>
<main class="wide" id="live"
      data-events-url="<c:out value='${ctx}'/>/api/calls/events"
      data-calls-url="<c:out value='${ctx}'/>/calls/"
      data-after="<c:out value='${live.lastEventId}'/>">
  <%@ include file="operator-nav.jspf" %>
  <h1>Live calls</h1>
  <p class="lead">Calls in progress and their latest steps, as they happen. Times are in
    <span class="time-zone" data-time-zone>UTC</span>.
    <span class="live-status" id="live-status" role="status">Not connected: this page needs JavaScript to update.</span></p>

  <h2>In progress</h2>
  <p id="no-live-calls" class="hint"<c:if test="${not empty live.calls}"> hidden</c:if>>No call is in progress.</p>
  <table class="calls" id="live-calls">
    <thead><tr><th>Requested</th><th>Number</th><th>State</th><th>Language</th><th>Option</th><th>Last step</th></tr></thead>
    <tbody>
    <c:forEach var="call" items="${live.calls}">
      <tr data-call-id="<c:out value='${call.id}'/>" class="state-<c:out value='${call.state}'/>">
        <td><time datetime="<c:out value='${call.requestedAtIso}'/>" data-format="time"><c:out value="${call.requestedAt}"/></time></td>
        <td><a href="<c:out value='${ctx}'/>/calls/<c:out value='${call.id}'/>" class="call-link"><c:out value="${call.to}"/></a><c:if
          test="${call.simulated}">&#32;<span class="tag">simulated</span></c:if></td>
        <td class="call-state"><c:out value="${call.stateLabel}"/></td>
        <td class="call-language"><c:out value="${empty call.language ? '–' : call.language}"/></td>
        <td class="call-option"><c:out value="${empty call.option ? '–' : call.option}"/></td>
        <td class="call-last-step">–</td>
      </tr>
    </c:forEach>
    </tbody>
  </table>

  <h2>Latest steps</h2>
  <ol class="live-steps" id="live-steps" reversed>
    <c:forEach var="step" items="${live.steps}">
      <li data-event-id="<c:out value='${step.id}'/>" data-call-id="<c:out value='${step.callId}'/>">
        <time datetime="<c:out value='${step.atIso}'/>" data-format="time"><c:out value="${step.at}"/></time>&#32;<a
            href="<c:out value='${ctx}'/>/calls/<c:out value='${step.callId}'/>"><c:out value="${step.to}"/></a>&#32;<span
            class="step-words"><c:out value="${step.words}"/></span>
      </li>
    </c:forEach>
  </ol>
</main>
</body>
</html>
