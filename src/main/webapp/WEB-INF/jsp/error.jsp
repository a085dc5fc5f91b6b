<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="status" value="${requestScope['jakarta.servlet.error.status_code']}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>InspireWorks IVR — <c:out value="${status}"/></title>
  <link rel="icon" href="<c:out value='${pageContext.request.contextPath}'/>/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="<c:out value='${pageContext.request.contextPath}'/>/static/app.css">
</head>
<body>
<main>
  <h1><c:out value="${status}"/></h1>
  <p>
    <c:choose>
      <c:when test="${status == 400}">The request was not understood.</c:when>
      <c:when test="${status == 401}">Please sign in.</c:when>
      <c:when test="${status == 403}">You are not allowed to do that.
        <c:out value="${requestScope['jakarta.servlet.error.message']}"/></c:when>
      <c:when test="${status == 404}">There is nothing here.</c:when>
      <c:when test="${status == 405}">This address does not accept that method.</c:when>
      <c:when test="${status == 413}">The request is too large.</c:when>
      <c:when test="${status == 429}">Too many requests.
        <c:out value="${requestScope['jakarta.servlet.error.message']}"/></c:when>
      <c:otherwise>Something went wrong on our side. It has been logged.</c:otherwise>
    </c:choose>
  </p>
  <p><a href="<c:out value='${pageContext.request.contextPath}'/>/">Back to the call form</a></p>
</main>
</body>
</html>
