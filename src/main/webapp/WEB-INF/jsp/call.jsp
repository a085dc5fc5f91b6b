<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<c:set var="row" value="${call.call}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>InspireWorks IVR — call to <c:out value="${row.to}"/></title>
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/app.css">
  <script src="<c:out value='${ctx}'/>/static/local-time.js" defer></script>
</head>
<body>
<main class="wide">
  <%@ include file="operator-nav.jspf" %>
  <h1>Call to <span id="call-to"><c:out value="${row.to}"/></span><c:if
      test="${row.simulated}">&#32;<span class="tag">simulated</span></c:if></h1>
  <p class="lead"><span class="badge state-<c:out value='${row.state}'/>" id="call-state"><c:out value="${row.stateLabel}"/></span>
    <c:if test="${not empty row.outcomeLabel}"> · outcome: <strong id="call-outcome"><c:out value="${row.outcomeLabel}"/></strong></c:if>
    · times in <span class="time-zone" data-time-zone>UTC</span></p>

  <h2>The caller's path</h2>
  <c:choose>
    <c:when test="${empty call.path}">
      <p id="call-path-empty">No step of this call has been stored yet.</p>
    </c:when>
    <c:otherwise>
      <ol class="call-path" id="call-path" data-text="<c:out value='${call.pathText}'/>">
        <c:forEach var="step" items="${call.path}">
          <li><c:out value="${step.words}"/><c:if test="${not empty step.at}">&#32;<time datetime="<c:out value='${step.atIso}'/>" data-format="time"><c:out value="${step.at}"/></time></c:if><c:out value="${step.more}"/></li>
        </c:forEach>
      </ol>
    </c:otherwise>
  </c:choose>

  <h2>Call</h2>
  <dl class="settings" id="call-details">
    <dt>Requested</dt>
    <dd><time datetime="<c:out value='${row.requestedAtIso}'/>"><c:out value="${row.requestedAt}"/></time>
      by <c:out value="${row.requestedBy}"/></dd>
    <dt>From (caller id)</dt><dd><c:out value="${row.from}"/></dd>
    <c:if test="${not empty row.answeredAt}">
      <dt>Answered</dt><dd><time datetime="<c:out value='${row.answeredAtIso}'/>"><c:out value="${row.answeredAt}"/></time></dd>
    </c:if>
    <c:if test="${not empty row.endedAt}">
      <dt>Ended</dt><dd><time datetime="<c:out value='${row.endedAtIso}'/>"><c:out value="${row.endedAt}"/></time></dd>
    </c:if>
    <c:if test="${not empty row.language}"><dt>Language</dt><dd><c:out value="${row.language}"/></dd></c:if>
    <c:if test="${not empty row.option}"><dt>Option</dt><dd><c:out value="${row.option}"/></dd></c:if>
    <c:if test="${not empty row.dialStatus}"><dt>Associate's call</dt><dd><c:out value="${row.dialStatus}"/>
      <c:if test="${not empty row.associateLeg}">&#32;(leg <code><c:out value="${row.associateLeg}"/></code>)</c:if></dd></c:if>
    <c:if test="${not empty row.hangupCause}"><dt>Hangup</dt><dd><c:out value="${row.hangupCause}"/><c:if
      test="${not empty row.hangupSource}">&#32;by <c:out value="${row.hangupSource}"/></c:if></dd></c:if>
    <c:if test="${not empty row.durationSeconds}"><dt>Duration</dt><dd><c:out value="${row.durationSeconds}"/> s
      <c:if test="${not empty row.billedSeconds}">(billed <c:out value="${row.billedSeconds}"/> s)</c:if></dd></c:if>
    <c:if test="${not empty row.error}"><dt>Error</dt><dd id="call-error"><c:out value="${row.error}"/></dd></c:if>
    <dt>Request UUID</dt><dd><code><c:out value="${empty row.requestUuid ? '–' : row.requestUuid}"/></code></dd>
    <dt>Call UUID</dt><dd><code><c:out value="${empty row.callUuid ? '–' : row.callUuid}"/></code></dd>
    <dt>Our id</dt><dd><code id="call-id"><c:out value="${row.id}"/></code></dd>
  </dl>
  <p>
    <a href="<c:out value='${ctx}'/>/api/calls/<c:out value='${row.id}'/>" id="call-json">JSON</a>
    <c:if test="${row.simulated and not row.ended}">
      · <a href="<c:out value='${ctx}'/>/simulator/calls/<c:out value='${row.id}'/>" id="phone-page">Phone page</a>
    </c:if>
  </p>

  <h2>Stored steps</h2>
  <table class="calls" id="call-events">
    <thead><tr><th>#</th><th>Time</th><th>Step</th><th>Language</th><th>Detail</th><th>Try</th><th>Plivo parameters</th></tr></thead>
    <tbody>
    <c:forEach var="event" items="${call.events}">
      <tr>
        <td><c:out value="${event.id}"/></td>
        <td><time datetime="<c:out value='${event.atIso}'/>" data-format="time"><c:out value="${event.at}"/></time></td>
        <td><c:out value="${event.type}"/></td>
        <td><c:out value="${empty event.language ? '–' : event.language}"/></td>
        <td><c:out value="${empty event.detail ? '–' : event.detail}"/></td>
        <td><c:out value="${event.attempt == 0 ? '–' : event.attempt}"/></td>
        <td class="parameters"><c:out value="${event.parameters}"/></td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
</main>
</body>
</html>
