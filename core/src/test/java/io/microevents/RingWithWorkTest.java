package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manual's "Ring Buffer as Message Queue": a producer task, a listener, and start(). */
class RingWithWorkTest {

    @Test
    void ringBufferAsMessageQueueConsumesEveryMessageAndStartReturns() {
        List<String> out = new ArrayList<>();
        Work scheduler = Work.builder().ticker(new ManualTicker()).output(out::add).build();
        Ring buffer = new Ring(2048);

        scheduler.repeat(args -> {
            int i = (Integer) args[0];
            if (i <= 10) {
                buffer.put(i + 1, ("Message " + i).getBytes(StandardCharsets.UTF_8));
                scheduler.triggerEvent("data_ready");
                scheduler.send(i + 1);
            } else {
                buffer.put(i + 1, "Done".getBytes(StandardCharsets.UTF_8));
                scheduler.triggerEvent("data_ready");
                scheduler.abortCurrentTask(); // stop
            }
        }, 0, 10, 0);
        scheduler.on(args -> {
            Message msg = buffer.get();
            String text = new String(msg.bytes(), StandardCharsets.UTF_8);
            scheduler.print("Consumed: " + text);
            if (text.equals("Done")) {
                scheduler.abortCurrentTask();
            }
        }, "data_ready", true);

        scheduler.start(); // must return by itself: both tasks end

        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            expected.add("Consumed: Message " + i);
        }
        expected.add("Consumed: Done");
        assertThat(out).containsExactlyElementsOf(expected);
        assertThat(scheduler.taskCount()).isZero();
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void aBurstOfTriggersBeforeTheConsumerRunsLosesNoMessage() {
        Work scheduler = Work.builder().ticker(new ManualTicker()).build();
        Ring buffer = new Ring(4096);
        List<String> consumed = new ArrayList<>();
        scheduler.on(args -> consumed.add(buffer.get().text()), "data_ready", true);

        for (int i = 0; i < 100; i++) {
            buffer.put(1, ("m" + i).getBytes(StandardCharsets.UTF_8));
            scheduler.triggerEvent("data_ready");
        }
        scheduler.runDue();

        assertThat(consumed).hasSize(100).startsWith("m0", "m1").endsWith("m99");
        assertThat(buffer.isEmpty()).isTrue();
    }
}
