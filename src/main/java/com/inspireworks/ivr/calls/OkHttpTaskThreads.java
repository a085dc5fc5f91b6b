package com.inspireworks.ivr.calls;

import com.inspireworks.ivr.lifecycle.OwnThreads;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.internal.concurrent.TaskRunner;

/**
 * OkHttp's shared task threads, and stopping them when the application stops.
 *
 * <p>OkHttp 4 runs connection-pool housekeeping on {@code TaskRunner.INSTANCE}: a thread pool ("OkHttp TaskRunner")
 * that is static, so there is one per class loader, i.e. one per deployment of the WAR. Its threads are started as
 * soon as a connection is pooled and stay alive 60 s after their last task; OkHttp has no public API to stop them
 * (square/okhttp issue 6173, where the maintainers point to {@code RealBackend.shutdown()}). Plivo's SDK always
 * builds its own {@code ConnectionPool} on that runner, so the gateway cannot bring a pool of its own.
 *
 * <p>Every {@link PlivoGateway} {@link #retain() retains} the runner; when the last one {@link #release(Duration)
 * releases} it, the pool's executor is shut down (idle threads end at once) and the call waits until they have.
 * After that, OkHttp cannot be used in this class loader any more: the application is stopping, and its class loader
 * is about to be thrown away. This is internal OkHttp API (pinned by the okhttp-bom version in the pom); if it
 * changes, the threads are left to end by themselves and a warning says so, and {@code PlivoGatewayTest} fails.
 */
final class OkHttpTaskThreads {

    private static final Logger LOG = Logger.getLogger(OkHttpTaskThreads.class.getName());
    /** OkHttp's name for the threads of its task runner. */
    static final String THREAD_NAME = "OkHttp TaskRunner";

    private static int users;
    private static boolean stopped;

    private OkHttpTaskThreads() {
    }

    /** A gateway starts using OkHttp. */
    static synchronized void retain() {
        if (stopped) {
            throw new IllegalStateException("OkHttp's task threads of this class loader were stopped when the last"
                    + " Plivo gateway closed; a new gateway needs a new deployment.");
        }
        users++;
    }

    /** A gateway is closed; the last one stops OkHttp's task threads and waits up to {@code wait} for them. */
    static void release(Duration wait) {
        synchronized (OkHttpTaskThreads.class) {
            if (users == 0 || --users > 0) {
                return;
            }
            stopped = true;
        }
        try {
            TaskRunner.Backend backend = TaskRunner.INSTANCE.getBackend();
            if (!(backend instanceof TaskRunner.RealBackend real)) {
                LOG.warning("OkHttp's task runner is not the one this code knows (" + backend.getClass().getName()
                        + "); its threads end by themselves 60 s after their last task.");
                return;
            }
            real.shutdown();
        } catch (LinkageError e) {
            LOG.log(Level.WARNING, "Cannot stop OkHttp's task threads (OkHttp's internals changed); they end by"
                    + " themselves 60 s after their last task.", e);
            return;
        }
        awaitEnd(wait);
    }

    /** Waits until no thread of this class loader's OkHttp task runner is alive, or {@code wait} has passed. */
    private static void awaitEnd(Duration wait) {
        List<Thread> alive = OwnThreads.awaitEnd(ours(), wait);
        if (!alive.isEmpty()) {
            LOG.warning(alive.size() + " OkHttp task thread(s) still running " + wait.toMillis() + " ms after the"
                    + " shutdown.");
        }
    }

    /**
     * The live threads of this class loader's task runner: OkHttp's thread name, and (as they were started from
     * application code) this class loader as their context class loader, which tells them from another
     * application's OkHttp threads in the same JVM.
     */
    static List<Thread> ours() {
        return OwnThreads.named(THREAD_NAME::equals, TaskRunner.class.getClassLoader());
    }
}
