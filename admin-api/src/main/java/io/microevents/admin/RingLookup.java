package io.microevents.admin;

import io.microevents.Ring;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The rings the admin shows, by name (the bean name), looked up once on first use. */
final class RingLookup {

    private final Supplier<Map<String, Ring>> source;
    private volatile Map<String, Ring> rings;

    RingLookup(Supplier<Map<String, Ring>> source) {
        this.source = source;
    }

    /** Every ring, ordered by name. */
    Map<String, Ring> all() {
        Map<String, Ring> all = rings;
        if (all == null) {
            all = Collections.unmodifiableMap(new TreeMap<>(source.get()));
            rings = all;
        }
        return all;
    }

    /** The ring with that name. */
    Optional<Ring> find(String name) {
        return Optional.ofNullable(all().get(name));
    }
}
