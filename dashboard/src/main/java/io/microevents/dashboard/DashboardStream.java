package io.microevents.dashboard;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's Server-Sent Events: one publisher thread reads the state every update interval
 * (only while a page is open), keeps the last updates as deltas with ids, and wakes one sender
 * thread per open stream, which writes what its browser has not seen yet.
 *
 * <ul>
 *   <li><b>Coalescing.</b> The state is read once per interval, however much happened in between:
 *       a burst of 10,000 triggers reaches a browser as one or two updates.</li>
 *   <li><b>Resume.</b> Event ids are {@code <stream>-<seq>}. A browser that reconnects with
 *       {@code Last-Event-ID} gets the updates it missed when they are still kept, else a full
 *       snapshot; an id from an earlier process gets a snapshot.</li>
 *   <li><b>Isolation.</b> Nothing here runs on, or waits for, the scheduler's loop thread. A slow
 *       browser holds only its own sender thread; a dead one is noticed at the next write (at the
 *       latest the heartbeat) and closed.</li>
 *   <li><b>Bounds.</b> At most {@code max-clients} streams (one more is a 503 problem), at most
 *       {@code history} updates and about 1 MB of them kept; each stream's sender writes straight
 *       to its response, with no queue of its own.</li>
 * </ul>
 */
final class DashboardStream implements AutoCloseable {

    private static final Log LOG = LogFactory.getLog(DashboardStream.class);
    private static final long RETRY_MILLIS = 1000;
    /** Bound of the kept updates in characters (about bytes: the JSON is mostly ASCII), besides their count. */
    private static final long HISTORY_MAX_CHARS = 1L << 20;
    /** How long the state is still read after the last stream closed, so a browser that comes back resumes. */
    private static final long IDLE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final DashboardModel model;
    private final JsonMapper json;
    private final int historyLimit;
    private final long heartbeatMillis;
    private final long timeoutMillis;
    private final long intervalMillis;
    private final String streamId = Long.toHexString(System.nanoTime() ^ Double.doubleToLongBits(Math.random()));
    private final Semaphore permits;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor senders;
    private final ScheduledExecutorService publisher;
    private final LongAdder refused = new LongAdder();
    private final AtomicLong updatesSent = new AtomicLong();
    private volatile long idleSince;

    // Guarded by this
    private DashboardModel.State current;
    private long seq;
    private final ArrayDeque<Update> history = new ArrayDeque<>();
    private long historyChars;
    /** The newest update's sequence and the kept updates, for the senders to read without the lock. */
    private volatile Published published = new Published(0, List.of());
    private Update snapshot;
    private boolean closed;

    DashboardStream(DashboardModel model, JsonMapper json, MicroeventsDashboardProperties properties) {
        this.model = Objects.requireNonNull(model, "model");
        this.json = Objects.requireNonNull(json, "json");
        this.historyLimit = properties.getHistory();
        this.heartbeatMillis = properties.getHeartbeat().toMillis();
        this.timeoutMillis = properties.getStreamTimeout().toMillis();
        this.intervalMillis = properties.getUpdateInterval().toMillis();
        int max = properties.getMaxClients();
        this.permits = new Semaphore(max);
        this.senders = new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads("microevents-dashboard-sender-"));
        this.publisher = Executors.newSingleThreadScheduledExecutor(threads("microevents-dashboard-"));
    }

    /** Starts the publisher's ticks; until then (and in tests that tick by hand) nothing is read. */
    void start() {
        publisher.scheduleWithFixedDelay(this::tickQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream for one browser.
     *
     * @param lastEventId the id the browser saw last ({@code Last-Event-ID}), or null
     * @param hello what the page is told first (who may write); sent without an id
     * @return the emitter Spring MVC streams
     * @throws ErrorResponseException 503 when {@code max-clients} streams are open
     */
    SseEmitter open(String lastEventId, Map<String, Object> hello) {
        Objects.requireNonNull(hello, "hello");
        if (!permits.tryAcquire()) {
            refused.increment();
            throw unavailable("The dashboard already serves its maximum of " + senders.getMaximumPoolSize()
                    + " streams (microevents.dashboard.max-clients); try again later");
        }
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        Client client = new Client(emitter, resumeFrom(lastEventId), hello);
        emitter.onCompletion(client::close);
        emitter.onTimeout(client::close);
        emitter.onError(e -> client.close());
        clients.add(client);
        try {
            senders.execute(client::run);
        } catch (RejectedExecutionException e) {
            clients.remove(client);
            permits.release();
            refused.increment();
            throw unavailable("The dashboard is shutting down");
        }
        return emitter;
    }

    /** Streams open now. */
    int clientCount() {
        return clients.size();
    }

    /** Streams refused because the bound was reached. */
    long refusedCount() {
        return refused.sum();
    }

    /** Updates written to streams so far, over all streams. */
    long updatesSent() {
        return updatesSent.get();
    }

    /** The id of the newest update, as sent in {@code id:} lines. */
    String lastId() {
        return id(published.seq());
    }

    /**
     * Reads the state and, when something changed, publishes it as an update. The publisher thread
     * calls this every update interval; tests may call it instead.
     */
    void tick() {
        if (clients.isEmpty()) {
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            }
            if (now - idleSince > IDLE_GRACE_NANOS) {
                synchronized (this) {
                    current = null;   // nobody watched for a while: stop reading; the next stream starts from a snapshot
                    snapshot = null;
                    history.clear();
                    historyChars = 0;
                }
                return;
            }
        } else {
            idleSince = 0;
        }
        synchronized (this) {
            if (current != null || !clients.isEmpty()) {
                refresh();
            }
        }
    }

    /** Ends every open stream; each browser reconnects and resumes from its last id. */
    void disconnectAll() {
        for (Client c : clients) {
            c.emitter.complete();
            c.close();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        publisher.shutdownNow();
        disconnectAll();
        senders.shutdownNow();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("microevents dashboard: reading the state failed: " + e, e);
        }
    }

    private synchronized void refresh() {
        DashboardModel.State next = model.read();
        if (current == null) {
            current = next;
            seq++;
            history.clear();
            historyChars = 0;
            snapshot = null;
            publish();
            return;
        }
        Optional<Map<String, Object>> delta = model.delta(current, next);
        current = next;
        if (delta.isPresent()) {
            seq++;
            Update update = update(seq, "delta", json.writeValueAsString(delta.get()));
            history.addLast(update);
            historyChars += update.data().length();
            while (history.size() > historyLimit || (historyChars > HISTORY_MAX_CHARS && history.size() > 1)) {
                historyChars -= history.removeFirst().data().length();
            }
            snapshot = null;
            publish();
        }
    }

    /** Makes the new sequence visible to the senders and wakes each one: no sender touches the lock for it. */
    private void publish() {
        published = new Published(seq, List.copyOf(history));
        for (Client c : clients) {
            c.wake();
        }
    }

    private long resumeFrom(String lastEventId) {
        if (lastEventId == null) {
            return -1;
        }
        String id = lastEventId.strip();
        int dash = id.lastIndexOf('-');
        if (dash <= 0 || !id.substring(0, dash).equals(streamId)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What a browser that saw {@code last} needs next, from the kept updates or else a snapshot. */
    private List<Update> after(long last, Published p) {
        if (last == p.seq()) {
            return List.of();
        }
        List<Update> kept = p.history();
        if (last >= 0 && last < p.seq() && !kept.isEmpty() && kept.get(0).seq() <= last + 1) {
            List<Update> missed = new ArrayList<>();
            for (Update u : kept) {
                if (u.seq() > last) {
                    missed.add(u);
                }
            }
            return missed;
        }
        return List.of(snapshotUpdate());
    }

    /** The full state as an update, built once per sequence. */
    private synchronized Update snapshotUpdate() {
        if (current == null && !closed) {
            refresh();
        }
        if (snapshot == null || snapshot.seq() != seq) {
            snapshot = update(seq, "snapshot", json.writeValueAsString(model.full(current)));
        }
        return snapshot;
    }

    /** An update with its SSE frame written out once, for every stream to send as it is. */
    private Update update(long n, String name, String data) {
        return new Update(n, name, data, "id:" + id(n) + "\nevent:" + name + "\ndata:" + data + "\n\n");
    }

    private String id(long n) {
        return streamId + "-" + n;
    }

    private static ErrorResponseException unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        ErrorResponseException e = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** An update: {@code data} is one line of JSON (Jackson escapes line breaks inside strings). */
    private record Update(long seq, String name, String data, String frame) {
    }

    private record Published(long seq, List<Update> history) {
    }

    private static final Set<ResponseBodyEmitter.DataWithMediaType> HEARTBEAT =
            Set.of(new ResponseBodyEmitter.DataWithMediaType(":heartbeat\n\n", MediaType.TEXT_PLAIN));

    /** One open stream, served by its own sender thread. */
    private final class Client {
        private final SseEmitter emitter;
        private final Map<String, Object> hello;
        private volatile boolean done;
        private volatile Thread thread;
        private long last;
        private boolean released;

        Client(SseEmitter emitter, long last, Map<String, Object> hello) {
            this.emitter = emitter;
            this.last = last;
            this.hello = hello;
        }

        void close() {
            done = true;
            wake();
        }

        /** Wakes the sender thread, if it waits. */
        void wake() {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        void run() {
            thread = Thread.currentThread();
            try {
                emitter.send(SseEmitter.event().name("hello").reconnectTime(RETRY_MILLIS)
                        .data(json.writeValueAsString(hello)));
                while (!done) {
                    List<Update> updates = next();
                    if (done) {
                        break;
                    }
                    if (updates.isEmpty()) {
                        emitter.send(HEARTBEAT);
                        continue;
                    }
                    for (Update u : updates) {
                        emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(u.frame(), MediaType.TEXT_PLAIN)));
                        last = u.seq();
                        updatesSent.incrementAndGet();
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // the browser went away, or the emitter was completed: nothing to tell anyone
                end();
            } catch (RuntimeException e) {
                LOG.warn("microevents dashboard: a stream failed: " + e, e);
                end();
            } finally {
                done = true;
                thread = null;
                clients.remove(this);
                release();
            }
        }

        /** Ends the response, whatever state it is in. */
        private void end() {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                // already completed, or the connection is gone
            }
        }

        /**
         * Waits, parked and without the lock, for an update after {@code last}, at most a heartbeat
         * long; then what the browser needs, or nothing for a heartbeat.
         */
        private List<Update> next() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
            Published p = published;
            if (last < 0) {
                return done ? List.of() : List.of(snapshotUpdate());   // a new browser: the snapshot, now
            }
            while (!done && p.seq() == last) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    return List.of();
                }
                LockSupport.parkNanos(this, wait);
                if (Thread.interrupted()) {
                    done = true;
                }
                p = published;
            }
            return done ? List.of() : after(last, p);
        }

        private synchronized void release() {
            if (!released) {
                released = true;
                permits.release();
            }
        }
    }
}
