package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import io.microevents.TimerHeapTest.Timer;
import org.junit.jupiter.api.Test;

/**
 * The timing wheel hands items out by (due, sequence), as a PriorityQueue with that order does,
 * whichever part (a bucket or the heap behind it) holds them.
 */
class TimerWheelTest {

    private static final long BUCKET = 1L << TimerWheel.SHIFT;

    @Test
    void agreesWithPriorityQueueOverRandomAddsPollsAndRemovals() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            TimerWheel<Timer> wheel = new TimerWheel<>();
            PriorityQueue<Timer> model = new PriorityQueue<>(TimerHeapTest.ORDER);
            // near and far deadlines, same-bucket and equal dues, across the clock's wrap-around
            long now = random.nextBoolean() ? Long.MAX_VALUE - 300 * BUCKET : random.nextLong();
            long span = switch (random.nextInt(3)) {
                case 0 -> 3 * BUCKET;
                case 1 -> TimerWheel.BUCKETS * BUCKET;
                default -> 4L * TimerWheel.BUCKETS * BUCKET;
            };
            int grain = random.nextBoolean() ? 1 : (int) (BUCKET / 4);
            long seq = 0;
            for (int step = 0; step < 20_000; step++) {
                int op = random.nextInt(10);
                if (op < 6) {
                    long delay = Math.floorDiv(Math.floorMod(random.nextLong(), span), grain) * grain;
                    Timer t = new Timer(now + delay, seq++);
                    wheel.add(t.due(), t.seq(), t, now);
                    model.add(t);
                } else if (op < 9) {
                    Timer head = model.peek();
                    assertThat(wheel.peek()).as("seed %d step %d", seed, step).isEqualTo(head);
                    if (head != null) {
                        assertThat(wheel.peekSeq()).isEqualTo(head.seq());
                        // the clock moves up to the deadline it hands out, never back
                        if (head.due() - now > 0) {
                            now = head.due();
                        }
                    }
                    assertThat(wheel.poll()).isEqualTo(model.poll());
                } else if (random.nextInt(20) == 0) {
                    long cut = random.nextInt(7);
                    wheel.removeIf((t, s) -> s % 7 == cut);
                    model.removeIf(t -> t.seq() % 7 == cut);
                } else {
                    now += random.nextInt((int) BUCKET);
                }
                assertThat(wheel.size()).isEqualTo(model.size());
            }
            List<Timer> seen = new ArrayList<>();
            wheel.forEach((t, s) -> {
                assertThat(s).isEqualTo(t.seq());
                return seen.add(t);
            });
            assertThat(seen).containsExactlyInAnyOrderElementsOf(model);
            while (!model.isEmpty()) {
                assertThat(wheel.poll()).isEqualTo(model.poll());
            }
            assertThat(wheel.poll()).isNull();
            wheel.add(now + 5, seq, new Timer(now + 5, seq), now);
            wheel.clear();
            assertThat(wheel.size()).isZero();
            assertThat(wheel.peek()).isNull();
        }
    }
}
