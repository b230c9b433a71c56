package io.microevents.samples.quickstart;

import io.microevents.Work;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The manual's examples as one plain-Java program: an event chain, a heartbeat, nested tasks,
 * a self-cancelling task. Run it with
 * {@code java -jar samples/quickstart/target/microevents-sample-quickstart.jar}.
 */
public final class Quickstart {

    private Quickstart() {
    }

    /**
     * Runs every example in turn and prints what happens.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs every example in turn, printing to {@code out}.
     *
     * @param out where the story goes
     */
    public static void run(PrintStream out) {
        Consumer<String> sink = out::println;
        eventChain(sink);
        heartbeat(sink);
        nestedTasks(sink);
    }

    /** The manual's "Event Chains": event1 causes event2 causes event3; start() returns when done. */
    static void eventChain(Consumer<String> out) {
        out.accept("== Event chain");
        Work scheduler = Work.builder().output(out).build();
        scheduler.on(() -> {
            scheduler.print("Task 1");
            scheduler.triggerEvent("event2");
        }, "event1");
        scheduler.on(() -> {
            scheduler.print("Task 2");
            scheduler.triggerEvent("event3");
        }, "event2");
        scheduler.on(() -> scheduler.print("Task 3"), "event3");

        scheduler.triggerEvent("event1");
        scheduler.start();
        scheduler.print("no task left: start() returned");
        scheduler.runDue();
    }

    /** A heartbeat every 250 ms, a sensor that reports on an event, and a stop after a second. */
    static void heartbeat(Consumer<String> out) {
        out.accept("== Heartbeat and sensor");
        Work scheduler = Work.builder().output(out).build();
        long t0 = scheduler.nowMillis();
        scheduler.repeat(() -> scheduler.print("Heartbeat at", scheduler.nowMillis() - t0, "ms"), 250);
        scheduler.on(args -> scheduler.print("Sensor reading:", args[0]), "sensor_event", true);
        scheduler.at(() -> {
            int count = scheduler.triggerEvent("sensor_event", 42);
            scheduler.print("Triggered", count, "tasks");
        }, 600);
        scheduler.at(() -> {
            scheduler.print("Active tasks:", scheduler.taskCount(), "- stopping");
            scheduler.stop();
        }, 1100);
        scheduler.start();
    }

    /** The manual's "Nested Task Scheduling" and a task that cancels itself after three runs. */
    static void nestedTasks(Consumer<String> out) {
        out.accept("== Nested and self-cancelling tasks");
        Work scheduler = Work.builder().output(out).build();
        scheduler.doNow(() -> {
            scheduler.print("Parent task");
            scheduler.doNow(() -> scheduler.print("Child task"));
        });
        int[] runs = {0};
        scheduler.repeat(() -> {
            runs[0]++;
            scheduler.print("Repeating task, run", runs[0]);
            if (runs[0] == 3) {
                scheduler.abortCurrentTask();
            }
        }, 100);
        scheduler.start();
        out.accept("done: " + scheduler.taskCount() + " tasks left");
    }
}
