package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer heap hands items out by (due, sequence), as a PriorityQueue with that order does. */
class TimerHeapTest {

    /** A timer as the tests queue it; the timing wheel's test uses it too. */
    record Timer(long due, long seq) {
    }

    /** The order both timer queues hand timers out in: (due, sequence), due compared by subtraction. */
    static final Comparator<Timer> ORDER = (a, b) -> {
        long d = a.due() - b.due();
        return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.seq(), b.seq());
    };

    @Test
    void agreesWithPriorityQueueOverRandomAddsAndPolls() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            TimerHeap<Timer> heap = new TimerHeap<>();
            PriorityQueue<Timer> model = new PriorityQueue<>(ORDER);
            // few distinct due times, so ties (broken by sequence) are common
            int dues = 1 + random.nextInt(50);
            long base = random.nextBoolean() ? Long.MAX_VALUE - 25 : 0; // wraps around in half the runs
            long seq = 0;
            for (int step = 0; step < 20_000; step++) {
                if (random.nextInt(3) > 0) {
                    Timer t = new Timer(base + random.nextInt(dues), seq++);
                    heap.add(t.due(), t.seq(), t);
                    model.add(t);
                } else {
                    assertThat(heap.poll()).as("seed %d step %d", seed, step).isEqualTo(model.poll());
                }
                assertThat(heap.size()).isEqualTo(model.size());
                assertThat(heap.peek()).isEqualTo(model.peek());
            }
            List<Timer> rest = new ArrayList<>();
            for (int i = 0; i < heap.size(); i++) {
                rest.add(heap.get(i));
            }
            assertThat(rest).containsExactlyInAnyOrderElementsOf(model);
            while (!model.isEmpty()) {
                assertThat(heap.poll()).isEqualTo(model.poll());
            }
            assertThat(heap.isEmpty()).isTrue();
            assertThat(heap.poll()).isNull();
        }
    }

    @Test
    void clearEmptiesIt() {
        TimerHeap<String> heap = new TimerHeap<>();
        for (int i = 0; i < 100; i++) {
            heap.add(i, i, "t" + i);
        }
        heap.clear();
        assertThat(heap.isEmpty()).isTrue();
        assertThat(heap.peek()).isNull();
        heap.add(5, 0, "again");
        assertThat(heap.poll()).isEqualTo("again");
    }

    @Test
    void removeIfKeepsTheOrderOfWhatIsLeft() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            TimerHeap<Timer> heap = new TimerHeap<>();
            PriorityQueue<Timer> model = new PriorityQueue<>(ORDER);
            long seq = 0;
            for (int i = 0; i < 1 + random.nextInt(5_000); i++) {
                Timer t = new Timer(random.nextInt(100), seq++);
                heap.add(t.due(), t.seq(), t);
                model.add(t);
            }
            int modulus = 2 + random.nextInt(4);
            int removed = heap.removeIf(t -> t.seq() % modulus == 0);
            int before = model.size();
            model.removeIf(t -> t.seq() % modulus == 0);
            assertThat(removed).isEqualTo(before - model.size());
            assertThat(heap.size()).isEqualTo(model.size());
            while (!model.isEmpty()) {
                assertThat(heap.poll()).as("seed %d", seed).isEqualTo(model.poll());
            }
            assertThat(heap.poll()).isNull();
        }
    }
}
