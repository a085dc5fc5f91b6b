<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>InspireWorks IVR — calls</title>
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/app.css">
  <script src="<c:out value='${ctx}'/>/static/local-time.js" defer></script>
</head>
<body>
<main class="wide">
  <%@ include file="operator-nav.jspf" %>
  <h1>Calls</h1>
  <p class="lead">Every call placed, newest first. Times are in
    <span class="time-zone" data-time-zone>UTC</span>.</p>

  <form method="get" action="<c:out value='${ctx}'/>/calls" class="call-search" id="call-search">
    <input type="hidden" name="tz" value="<c:out value='${filters.tz}'/>" data-browser-time-zone>
    <label>Number <input type="tel" name="to" id="search-to" maxlength="40" placeholder="+14155550123"
                         value="<c:out value='${filters.to}'/>"></label>
    <label>From <input type="date" name="since" id="search-since" value="<c:out value='${filters.since}'/>"></label>
    <label>To <input type="date" name="until" id="search-until" value="<c:out value='${filters.until}'/>"></label>
    <label>State
      <select name="state" id="search-state">
        <option value="">any</option>
        <c:forEach var="state" items="${states}">
          <option value="<c:out value='${state.key}'/>" ${filters.state == state.key ? 'selected' : ''}><c:out value="${state.value}"/></option>
        </c:forEach>
      </select>
    </label>
    <label>Outcome
      <select name="outcome" id="search-outcome">
        <option value="">any</option>
        <c:forEach var="outcome" items="${outcomes}">
          <option value="<c:out value='${outcome.key}'/>" ${filters.outcome == outcome.key ? 'selected' : ''}><c:out value="${outcome.value}"/></option>
        </c:forEach>
      </select>
    </label>
    <button type="submit" id="search-button">Search</button>
    <a href="<c:out value='${ctx}'/>/calls" class="clear">Clear</a>
  </form>

  <c:if test="${not empty problem}">
    <p class="result error" id="problem" role="alert"><c:out value="${problem}"/></p>
  </c:if>

  <c:if test="${not empty page}">
    <section aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Funnel from
        <time datetime="<c:out value='${page.funnelSinceIso}'/>"><c:out value="${page.funnelSince}"/></time> to
        <time datetime="<c:out value='${page.funnelUntilIso}'/>"><c:out value="${page.funnelUntil}"/></time></h2>
      <div class="funnel-chart" id="funnel">${page.funnelSvg}</div>
      <c:if test="${page.funnelSimulated > 0}">
        <p class="hint">Simulated among the calls placed: <c:out value="${page.funnelSimulated}"/>.</p>
      </c:if>
    </section>

    <section aria-labelledby="calls-heading">
      <h2 id="calls-heading">Calls</h2>
      <p class="downloads">
        <a id="export-csv" href="<c:out value='${ctx}'/>/calls/export.csv<c:if test='${not empty page.filtersQuery}'>?<c:out value='${page.filtersQuery}'/></c:if>">Download CSV</a>
        · <a id="export-json" href="<c:out value='${ctx}'/>/api/calls<c:if test='${not empty page.filtersQuery}'>?<c:out value='${page.filtersQuery}'/></c:if>">JSON</a>
      </p>
      <c:choose>
        <c:when test="${empty page.calls}">
          <p id="no-calls">No calls match.</p>
        </c:when>
        <c:otherwise>
          <table class="calls" id="calls">
            <thead>
            <tr><th>Requested</th><th>Number</th><th>State</th><th>Outcome</th><th>Language</th><th>Option</th>
              <th>Duration</th></tr>
            </thead>
            <tbody>
            <c:forEach var="call" items="${page.calls}">
              <tr data-call-id="<c:out value='${call.id}'/>" class="state-<c:out value='${call.state}'/>">
                <td><time datetime="<c:out value='${call.requestedAtIso}'/>"><c:out value="${call.requestedAt}"/></time></td>
                <td><a href="<c:out value='${ctx}'/>/calls/<c:out value='${call.id}'/>" class="call-link"><c:out value="${call.to}"/></a><c:if
                  test="${call.simulated}">&#32;<span class="tag">simulated</span></c:if></td>
                <td><c:out value="${call.stateLabel}"/></td>
                <td><c:out value="${empty call.outcomeLabel ? '–' : call.outcomeLabel}"/></td>
                <td><c:out value="${empty call.language ? '–' : call.language}"/></td>
                <td><c:out value="${empty call.option ? '–' : call.option}"/></td>
                <td><c:out value="${empty call.durationSeconds ? '–' : call.durationSeconds}"/><c:if test="${not empty call.durationSeconds}"> s</c:if></td>
              </tr>
            </c:forEach>
            </tbody>
          </table>
        </c:otherwise>
      </c:choose>
      <p class="paging">
        <c:if test="${page.laterPage}">
          <a id="newest-page" href="<c:out value='${ctx}'/>/calls<c:if test='${not empty page.filtersQuery}'>?<c:out value='${page.filtersQuery}'/></c:if>">Newest calls</a>
        </c:if>
        <c:if test="${not empty page.nextQuery}">
          <a id="next-page" href="<c:out value='${ctx}'/>/calls?<c:out value='${page.nextQuery}'/>">Older calls</a>
        </c:if>
      </p>
    </section>
  </c:if>
</main>
</body>
</html>
