package io.microevents.autoconfigure;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.microevents.Checks;
import io.microevents.Ring;

/**
 * Every named {@link Ring} of the application, by bean name: the rings configured under
 * {@code microevents.rings.<name>} and any {@code Ring} bean the application defines itself.
 * Serves code that picks a ring by a name it learns at run time (an admin endpoint, a serial
 * route); code that knows its ring injects it directly with {@code @Qualifier("<name>")}.
 */
public final class RingRegistry {

    private final Map<String, Ring> rings;

    /**
     * A registry over the given rings.
     *
     * @param rings rings by name (copied)
     * @throws NullPointerException if {@code rings} is null or holds a null name or ring
     */
    public RingRegistry(Map<String, Ring> rings) {
        TreeMap<String, Ring> copy = new TreeMap<>();
        Checks.notNull(rings, "rings").forEach((name, ring) ->
                copy.put(Checks.notNull(name, "rings name"), Checks.notNull(ring, "rings[" + name + "]")));
        this.rings = Collections.unmodifiableMap(copy);
    }

    /**
     * All rings.
     *
     * @return an unmodifiable map from name to ring, sorted by name
     */
    public Map<String, Ring> all() {
        return rings;
    }

    /**
     * The ring of a name.
     *
     * @param name the ring's bean name
     * @return the ring, or empty when there is none of that name
     */
    public Optional<Ring> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(rings.get(name));
    }

    @Override
    public String toString() {
        return "RingRegistry" + rings.keySet();
    }
}
