package io.microevents.autoconfigure.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.microevents.ClusterSlots;
import io.microevents.Work;
import io.microevents.annotation.Repeat;
import io.microevents.autoconfigure.MicroeventsAutoConfiguration;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One instance of an application with a singleton and an ordinary {@code @Repeat} method, whose
 * lock provider is ShedLock's JDBC provider on a data source the instances share.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, MicroeventsAutoConfiguration.class,
        MicroeventsClusterAutoConfiguration.class})
class ClusterApp {

    /** ShedLock's table, as docs/cluster.md gives it. */
    static final String DDL = "CREATE TABLE shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL,"
            + " locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))";

    @Bean
    LockProvider lockProvider(DataSource dataSource, @Value("${test.db-time:false}") boolean dbTime) {
        JdbcTemplateLockProvider.Configuration.Builder builder = JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource));
        if (dbTime) {
            builder.usingDbTime();
        }
        return new JdbcTemplateLockProvider(builder.build());
    }

    @Bean
    Report report(Recorder recorder, @Value("${test.instance}") String instance) {
        return new Report(recorder, instance);
    }

    /** What the instances did, shared by the test and every instance. */
    static final class Recorder {
        /** Runs of the singleton method: instance and System.nanoTime(). */
        final List<Run> singletonRuns = new ArrayList<>();
        /** Runs of the ordinary method, by instance. */
        final Map<String, AtomicInteger> everywhereRuns = new ConcurrentHashMap<>();

        synchronized void singleton(String instance) {
            singletonRuns.add(new Run(instance, System.nanoTime()));
        }

        synchronized List<Run> singletonRuns() {
            return List.copyOf(singletonRuns);
        }

        synchronized long singletonRunsOf(String instance) {
            return singletonRuns.stream().filter(r -> r.instance().equals(instance)).count();
        }

        int everywhereRuns(String instance) {
            AtomicInteger count = everywhereRuns.get(instance);
            return count == null ? 0 : count.get();
        }
    }

    record Run(String instance, long nanos) {
    }

    /** The application's periodic work. */
    static class Report {
        private final Recorder recorder;
        private final String instance;

        Report(Recorder recorder, String instance) {
            this.recorder = recorder;
            this.instance = instance;
        }

        @Repeat(everyString = "${test.period:200ms}", singleton = true, lockAtMostFor = "${test.at-most:1s}")
        void send() {
            recorder.singleton(instance);
        }

        @Repeat(everyString = "${test.period:200ms}")
        void poll() {
            recorder.everywhereRuns.computeIfAbsent(instance, i -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * Closes the instances that are still open.
     *
     * @param instances running contexts, or null for those closed already
     */
    static void closeAll(ConfigurableApplicationContext... instances) {
        for (ConfigurableApplicationContext instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /**
     * Starts one instance.
     *
     * @param instance its name
     * @param dataSource the database the instances share
     * @param recorder where it records its runs
     * @param properties more properties
     * @return the running context
     */
    static ConfigurableApplicationContext start(String instance, DataSource dataSource, Recorder recorder,
                                                String... properties) {
        return new SpringApplicationBuilder(ClusterApp.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("test.instance=" + instance, "spring.main.banner-mode=off",
                        "microevents.work.thread-name=loop-" + instance)
                .properties(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("dataSource", dataSource);
                    context.getBeanFactory().registerSingleton("recorder", recorder);
                })
                .run();
    }

    /**
     * The cluster part of the status of a task.
     *
     * @param context an instance
     * @param job the job name
     * @return its slots
     */
    static ClusterSlots slots(ConfigurableApplicationContext context, String job) {
        return context.getBean(Work.class).statuses().stream().filter(s -> s.job().equals(job))
                .findFirst().orElseThrow().cluster();
    }
}
