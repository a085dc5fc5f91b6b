package com.inspireworks.ivr.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.FakePlivoApi;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The gateway's threads, checked the way Tomcat checks them at undeploy: the gateway, OkHttp, Okio and the SDK are
 * loaded by a class loader of their own (like a WAR's), used from a thread whose context class loader is that loader
 * (like a request thread), and after {@code close()} no live thread may still belong to it.
 */
class PlivoGatewayLifecycleTest {

    @Test
    void closeLeavesNoThreadBehindAfterARealCall() throws Exception {
        try (FakePlivoApi plivo = new FakePlivoApi(); URLClassLoader webapp = webappLikeLoader()) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(webapp);
            try {
                Class<?> gatewayClass = webapp.loadClass(PlivoGateway.class.getName());
                assertNotSame(PlivoGateway.class, gatewayClass, "the gateway must come from the isolated loader");
                AutoCloseable gateway = (AutoCloseable) gatewayClass
                        .getConstructor(String.class, String.class, URI.class, Duration.class, Duration.class)
                        .newInstance(FakePlivoApi.AUTH_ID, FakePlivoApi.AUTH_TOKEN, URI.create(plivo.baseUrl()),
                                Duration.ofSeconds(2), Duration.ofSeconds(2));
                placeCall(webapp, gatewayClass, gateway);
                assertEquals(1, plivo.received().size());
                assertFalse(threadsOf(webapp).isEmpty(), "a call through OkHttp starts threads (the connection"
                        + " pool's housekeeping); without them this test would prove nothing");

                gateway.close();

                assertEquals(List.of(), threadsOf(webapp), "threads still running after close()");
                // After the last gateway of a class loader closed, OkHttp's task threads are gone for good.
                InvocationTargetException again = assertThrows(InvocationTargetException.class,
                        () -> gatewayClass.getConstructor(String.class, String.class, URI.class, Duration.class,
                                Duration.class).newInstance(FakePlivoApi.AUTH_ID, FakePlivoApi.AUTH_TOKEN,
                                URI.create(plivo.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(2)));
                assertTrue(again.getCause() instanceof IllegalStateException, String.valueOf(again.getCause()));
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private static void placeCall(ClassLoader webapp, Class<?> gatewayClass, Object gateway) throws Exception {
        Class<?> requestClass = webapp.loadClass(CallRequest.class.getName());
        Object request = requestClass.getConstructor(String.class, String.class, String.class, String.class,
                String.class, Duration.class).newInstance("7d1c3a52-9f0e-4b8e-a4d2-5c6b7e8f9a01", "+14155550100",
                "+14155550123", "https://ivr.example.com/ivr/ivr/welcome", "https://ivr.example.com/ivr/ivr/hangup",
                Duration.ofSeconds(3600));
        Object uuid = gatewayClass.getMethod("placeCall", requestClass).invoke(gateway, request);
        assertEquals(36, String.valueOf(uuid).length());
    }

    /**
     * Live threads Tomcat would blame on the application: their context class loader is the application's, or their
     * class comes from it (the calling thread aside, as in Tomcat). Named, for the failure message.
     */
    static List<String> threadsOf(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        for (Thread thread : threads) {
            if (thread != Thread.currentThread() && thread.isAlive() && (thread.getContextClassLoader() == loader
                    || thread.getClass().getClassLoader() == loader)) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    /** The test class path behind a loader of its own, parented like a WAR's loader to the platform only. */
    static URLClassLoader webappLikeLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return new URLClassLoader("webapp-like", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
