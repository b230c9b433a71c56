package io.microevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The task table behaves as a map: checked against HashMap over random puts, gets and removes. */
class IntMapTest {

    /** A value that carries its key, as a task carries its id. */
    private record Entry(int key, String value) {
    }

    @Test
    void agreesWithHashMapOverRandomOperations() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            IntMap<Entry> map = new IntMap<>(Entry::key);
            Map<Integer, Entry> model = new HashMap<>();
            // a small key range makes collisions, long probe runs and removals inside them common
            int keys = 1 + random.nextInt(2_000);
            for (int step = 0; step < 20_000; step++) {
                int key = 1 + random.nextInt(keys);
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        Entry value = new Entry(key, "v" + step);
                        map.put(value);
                        model.put(key, value);
                    }
                    case 2 -> assertThat(map.remove(key)).as("seed %d step %d", seed, step).isEqualTo(model.remove(key));
                    default -> assertThat(map.get(key)).as("seed %d step %d", seed, step).isEqualTo(model.get(key));
                }
                assertThat(map.size()).isEqualTo(model.size());
            }
            for (int key = 1; key <= keys; key++) {
                assertThat(map.get(key)).isEqualTo(model.get(key));
                assertThat(map.containsKey(key)).isEqualTo(model.containsKey(key));
            }
            assertThat(map.values()).containsExactlyInAnyOrderElementsOf(model.values());
            assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
        }
    }

    @Test
    void takesLargeAndSpreadKeys() {
        IntMap<Integer> map = new IntMap<>(Integer::intValue);
        int[] keys = {1, 16, 32, 65_536, 1 << 20, Integer.MAX_VALUE, Integer.MAX_VALUE - 16};
        for (int k : keys) {
            map.put(k);
        }
        for (int k : keys) {
            assertThat(map.get(k)).isEqualTo(k);
        }
        assertThat(map.get(2)).isNull();
        assertThat(map.remove(2)).isNull();
    }

    @Test
    void refusesKeysThatAreNotPositive() {
        IntMap<Entry> map = new IntMap<>(Entry::key);
        assertThatThrownBy(() -> map.put(new Entry(0, "x"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> map.put(new Entry(-1, "x"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    }
}
