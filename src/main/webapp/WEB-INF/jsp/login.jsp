<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in — InspireWorks IVR</title>
  <link rel="icon" href="<c:out value='${ctx}'/>/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="<c:out value='${ctx}'/>/static/app.css">
</head>
<body>
<main class="sign-in">
  <h1>InspireWorks IVR</h1>
  <p class="lead">Sign in with your operator account to place calls.</p>

  <c:if test="${not empty signInMessage}">
    <p class="result ${pageContext.response.status ge 400 ? 'error' : 'ok'}" id="sign-in-message"
       role="${pageContext.response.status ge 400 ? 'alert' : 'status'}"><c:out value="${signInMessage}"/></p>
  </c:if>

  <form method="post" action="<c:out value='${ctx}'/>/login" class="call-form" id="sign-in-form">
    <input type="hidden" name="csrf" value="<c:out value='${csrfToken}'/>">
    <input type="hidden" name="next" value="<c:out value='${signInNext}'/>">
    <label for="username">User name</label>
    <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
           spellcheck="false" maxlength="128" required autofocus value="<c:out value='${signInUser}'/>">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required>
    <button type="submit" id="sign-in-button">Sign in</button>
  </form>
</main>
</body>
</html>
