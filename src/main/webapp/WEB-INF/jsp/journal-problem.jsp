<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>InspireWorks IVR — <c:out value="${problemTitle}"/></title>
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/app.css">
</head>
<body>
<main>
  <%@ include file="operator-nav.jspf" %>
  <h1><c:out value="${problemTitle}"/></h1>
  <p class="result error" id="problem" role="alert"><c:out value="${problem}"/></p>
  <p><a href="<c:out value='${ctx}'/>/calls">All calls</a></p>
</main>
</body>
</html>
