<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%-- The status the client really gets. An exception mapped to this page carries status_code 500 in the request even
     when the container answers 400 or 413 (Tomcat 11 for a malformed or oversized form body), so the response's own
     status comes first. --%>
<c:set var="status" value="${pageContext.response.status}"/>
<c:if test="${empty status or status lt 400}">
  <c:set var="status" value="${requestScope['jakarta.servlet.error.status_code']}"/>
</c:if>
<%-- A message given with sendError (ours, or the container's for a refused login or role) is shown for the statuses
     where it helps; an exception's message never is. --%>
<c:set var="message" value="${empty requestScope['jakarta.servlet.error.exception'] ? requestScope['jakarta.servlet.error.message'] : ''}"/>
<c:choose>
  <c:when test="${status == 400}"><c:set var="title" value="Bad request"/><c:set var="text" value="The request was not understood."/><c:set var="explain" value="${true}"/></c:when>
  <c:when test="${status == 401}"><c:set var="title" value="Sign-in needed"/><c:set var="text" value="Please sign in."/></c:when>
  <c:when test="${status == 403}"><c:set var="title" value="Forbidden"/><c:set var="text" value="You are not allowed to do that."/><c:set var="explain" value="${true}"/></c:when>
  <c:when test="${status == 404}"><c:set var="title" value="Not found"/><c:set var="text" value="There is nothing here."/></c:when>
  <c:when test="${status == 405}"><c:set var="title" value="Method not allowed"/><c:set var="text" value="This address does not accept that method."/></c:when>
  <c:when test="${status == 408}"><c:set var="title" value="Request timeout"/><c:set var="text" value="The request took too long, or the sign-in page had expired. Please start again."/></c:when>
  <c:when test="${status == 413}"><c:set var="title" value="Request too large"/><c:set var="text" value="The request is too large."/></c:when>
  <c:when test="${status == 415}"><c:set var="title" value="Unsupported content type"/><c:set var="text" value="This address does not accept that type of content."/></c:when>
  <c:when test="${status == 429}"><c:set var="title" value="Too many requests"/><c:set var="text" value="Too many requests."/><c:set var="explain" value="${true}"/></c:when>
  <c:when test="${status == 503}"><c:set var="title" value="Service unavailable"/><c:set var="text" value="The server is busy or cannot do this right now. Please try again in a moment."/><c:set var="explain" value="${true}"/></c:when>
  <c:when test="${status ge 400 and status lt 500}"><c:set var="title" value="Request refused"/><c:set var="text" value="The request could not be handled."/></c:when>
  <c:otherwise><c:set var="title" value="Server error"/><c:set var="text" value="Something went wrong on our side. It has been logged."/></c:otherwise>
</c:choose>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>InspireWorks IVR — <c:out value="${status} ${title}"/></title>
  <link rel="icon" href="<c:out value='${pageContext.request.contextPath}'/>/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="<c:out value='${pageContext.request.contextPath}'/>/static/app.css">
</head>
<body>
<main>
  <h1 id="status"><c:out value="${status} – ${title}"/></h1>
  <p id="explanation"><c:out value="${explain and not empty message ? text.concat(' ').concat(message) : text}"/></p>
  <c:choose>
    <c:when test="${status == 401 or status == 408}">
      <p><a href="<c:out value='${pageContext.request.contextPath}'/>/login">Sign in</a></p>
    </c:when>
    <c:otherwise>
      <p><a href="<c:out value='${pageContext.request.contextPath}'/>/">Back to the call form</a></p>
    </c:otherwise>
  </c:choose>
</main>
</body>
</html>
