package io.microevents.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

    @Test
    void tellsTheStoryOfEveryExample() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).containsSubsequence("Task 1", "Task 2", "Task 3", "start() returned");
        assertThat(out).containsSubsequence("Heartbeat at", "Triggered 1 tasks", "Sensor reading: 42", "stopping");
        assertThat(out).containsSubsequence("Parent task", "Child task", "run 3", "done: 0 tasks left");
        assertThat(out).doesNotContain("run 4");
    }
}
