package io.microevents.starter;

import java.util.concurrent.atomic.AtomicInteger;

import io.microevents.Ring;
import io.microevents.Work;
import io.microevents.annotation.On;
import io.microevents.annotation.Repeat;
import io.microevents.autoconfigure.RingRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application whose only microevents code is an annotated bean and two properties: the
 * starter brings the scheduler on its own thread, the ring, and the annotated methods, and
 * closing the application stops the thread.
 */
class StarterSmokeTest {

    @Test
    void anApplicationWithTheStarterGetsEverythingWithNoCode() {
        SpringApplication app = new SpringApplication(RigApplication.class);
        ConfigurableApplicationContext context = app.run("--microevents.rings.sensor.size=256",
                "--microevents.work.thread-name=smoke-loop", "--spring.main.banner-mode=off");
        Rig rig;
        try {
            rig = context.getBean(Rig.class);
            Work work = context.getBean(Work.class);
            Ring sensor = context.getBean(RingRegistry.class).find("sensor").orElseThrow();
            assertThat(sensor.capacity()).isEqualTo(256);

            await().until(() -> rig.beats.get() >= 2);
            work.triggerEvent("reading", "21.5");
            await().until(() -> rig.lastReading.get() == 215);
            assertThat(rig.loopThread).isEqualTo("smoke-loop");
            assertThat(loopThreadAlive()).isTrue();
        } finally {
            context.close();
        }
        assertThat(loopThreadAlive()).isFalse();
    }

    private static boolean loopThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("smoke-loop") && t.isAlive());
    }

    @SpringBootApplication(proxyBeanMethods = false)
    static class RigApplication {
        @Bean
        Rig rig() {
            return new Rig();
        }
    }

    static class Rig {
        final AtomicInteger beats = new AtomicInteger();
        final AtomicInteger lastReading = new AtomicInteger();
        volatile String loopThread;

        @Repeat(every = 10)
        void beat() {
            beats.incrementAndGet();
        }

        @On("reading")
        void onReading(double celsius) {
            loopThread = Thread.currentThread().getName();
            lastReading.set((int) Math.round(celsius * 10));
        }
    }
}
