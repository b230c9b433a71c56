package io.microevents.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Several {@link SocatPair}s for one test, killed together in its teardown. */
public final class SocatPairs implements AutoCloseable {

    private final List<SocatPair> pairs = new ArrayList<>();

    /**
     * Starts a pair in a directory of its own.
     *
     * @param dir a directory for this pair's links (created if missing)
     * @return the running pair
     */
    public SocatPair start(Path dir) throws IOException {
        Files.createDirectories(dir);
        SocatPair pair = SocatPair.start(dir);
        pairs.add(pair);
        return pair;
    }

    @Override
    public void close() throws InterruptedException {
        for (SocatPair pair : pairs) {
            pair.close();
        }
        pairs.clear();
    }
}
