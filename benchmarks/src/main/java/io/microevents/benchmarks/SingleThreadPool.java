package io.microevents.benchmarks;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The alternative most benchmarks compare against: a {@code ScheduledThreadPoolExecutor(1)} per trial. */
@State(Scope.Thread)
public class SingleThreadPool {

    ScheduledThreadPoolExecutor pool;

    /** Starts the pool. */
    @Setup(Level.Trial)
    public void setUp() {
        pool = new ScheduledThreadPoolExecutor(1);
    }

    /** Stops the pool. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
