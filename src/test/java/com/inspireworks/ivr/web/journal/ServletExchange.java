package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.journal.CallHistory;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GET to a servlet of this package without a container, for what the integration tests cannot bring about
 * (a journal that is down, one that refuses a cursor): the request, the response's status, headers and body, and
 * the JSP a page was forwarded to with its request attributes.
 */
final class ServletExchange {

    final Map<String, String[]> parameters = new LinkedHashMap<>();
    final Map<String, Object> attributes = new HashMap<>();
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    String pathInfo;
    int status = 200;
    String forwardedTo;

    /** A servlet initialised with {@code history} as the application's journal. */
    static <S extends HttpServlet> S servlet(S servlet, CallHistory history) throws ServletException {
        IvrComponents components = new IvrComponents(null, null, null, null, null, null, null, history);
        ServletContext context = proxy(ServletContext.class, (method, args) ->
                method.equals("getAttribute") ? components : null);
        ServletConfig config = proxy(ServletConfig.class, (method, args) -> switch (method) {
            case "getServletContext" -> context;
            case "getServletName" -> servlet.getClass().getSimpleName();
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            default -> null;
        });
        servlet.init(config);
        return servlet;
    }

    ServletExchange parameter(String name, String value) {
        parameters.put(name, new String[] {value});
        return this;
    }

    ServletExchange path(String value) {
        pathInfo = value;
        return this;
    }

    /** The signed-in operator's session (the pages put the Sign out form's token in it). */
    private final Map<String, Object> sessionAttributes = new HashMap<>();
    private final jakarta.servlet.http.HttpSession session = proxy(jakarta.servlet.http.HttpSession.class,
            (method, args) -> switch (method) {
                case "getAttribute" -> sessionAttributes.get((String) args[0]);
                case "setAttribute" -> sessionAttributes.put((String) args[0], args[1]);
                case "removeAttribute" -> sessionAttributes.remove((String) args[0]);
                default -> null;
            });

    ServletExchange get(HttpServlet servlet) throws ServletException, IOException {
        HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
            case "getMethod" -> "GET";
            case "getProtocol" -> "HTTP/1.1";
            case "getParameterMap" -> parameters;
            case "getParameter" -> parameters.containsKey((String) args[0]) ? parameters.get((String) args[0])[0] : null;
            case "getPathInfo" -> pathInfo;
            case "getContextPath" -> "";
            case "getScheme" -> "http";
            case "getServerName" -> "127.0.0.1";
            case "getServerPort" -> 8080;
            case "getHeader", "getDateHeader" -> method.equals("getDateHeader") ? -1L : null;
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "getAttribute" -> attributes.get((String) args[0]);
            case "getSession" -> session;
            case "getRequestDispatcher" -> proxy(RequestDispatcher.class, (m, a) -> {
                forwardedTo = (String) args[0];
                return null;
            });
            default -> null;
        });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> {
            switch (method) {
                case "setStatus" -> status = (Integer) args[0];
                case "getStatus" -> {
                    return status;
                }
                case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
                case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                case "getOutputStream" -> {
                    return out;
                }
                case "isCommitted" -> {
                    return false;
                }
                default -> { }
            }
            return null;
        });
        servlet.service(request, response);
        return this;
    }

    String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    interface Handler {
        Object invoke(String method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(ServletExchange.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> type.getSimpleName();
                        };
                    }
                    Object result = handler.invoke(method.getName(), args);
                    if (result == null && method.getReturnType().isPrimitive()) {
                        return method.getReturnType() == boolean.class ? Boolean.FALSE
                                : method.getReturnType() == long.class ? Long.valueOf(0) : Integer.valueOf(0);
                    }
                    return result;
                });
    }
}
