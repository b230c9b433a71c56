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

    /** An entry as the heap holds it: the same item may be added again under a new sequence. */
    record Entry(long due, long seq, Timer item) {
    }

    @Test
    void removeIfTellsApartTheEntriesOfOneItemAfterPollsHaveShuffledTheHandles() {
        Comparator<Entry> order = Comparator.comparing(e -> new Timer(e.due(), e.seq()), ORDER);
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            TimerHeap<Timer> heap = new TimerHeap<>();
            PriorityQueue<Entry> model = new PriorityQueue<>(order);
            List<Timer> added = new ArrayList<>();
            long seq = 0;
            for (int round = 0; round < 5; round++) {
                for (int step = 0; step < 2_000; step++) {
                    int dice = random.nextInt(4);
                    if (dice == 0 && !model.isEmpty()) {
                        Entry head = model.poll();
                        assertThat(heap.seqAt(0)).isEqualTo(head.seq());
                        assertThat(heap.poll()).isSameAs(head.item());
                    } else {
                        // now and then an item that is already in: a second entry of it, as a
                        // task's own slot queued again while its old entry waits to be swept
                        Timer item = dice == 1 && !added.isEmpty()
                                ? added.get(random.nextInt(added.size()))
                                : new Timer(random.nextInt(100), seq);
                        Entry e = new Entry(random.nextInt(100), seq++, item);
                        heap.add(e.due(), e.seq(), e.item());
                        model.add(e);
                        added.add(item);
                    }
                }
                int modulus = 2 + random.nextInt(4);
                int removed = heap.removeIf((item, s) -> s % modulus == 0 || item.seq() % 7 == 0);
                int before = model.size();
                model.removeIf(e -> e.seq() % modulus == 0 || e.item().seq() % 7 == 0);
                assertThat(removed).as("seed %d round %d", seed, round).isEqualTo(before - model.size());
                assertThat(heap.size()).isEqualTo(model.size());
            }
            while (!model.isEmpty()) {
                Entry head = model.poll();
                assertThat(heap.seqAt(0)).as("seed %d", seed).isEqualTo(head.seq());
                assertThat(heap.poll()).isSameAs(head.item());
            }
            assertThat(heap.poll()).isNull();
        }
    }
}
