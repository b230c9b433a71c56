package io.microevents.serial;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.microevents.Checks;
import io.microevents.Job;
import io.microevents.SafeText;
import io.microevents.TriggerOutcome;
import io.microevents.Work;

/**
 * One port of a {@link SerialBridge}: a reader thread that opens the port through its
 * {@link PortConnector}, reads it into a {@link LineAssembler} and triggers events, and reopens it
 * on a backoff when it is lost; a writer thread that drains the bounded queue of outbound lines.
 * Nothing thrown on either thread escapes its loop: a failure of a line's handling (the raw-line
 * sink, the parser, the trigger, even an {@code OutOfMemoryError}) costs that line only, counted;
 * only a failure of the connection itself closes the port, which is then reopened on the backoff.
 */
final class PortChannel implements LineAssembler.Listener {

    private static final System.Logger log = System.getLogger(SerialBridge.class.getName());

    private static final int READ_BUFFER_BYTES = 4096;
    private static final long JOIN_TIMEOUT_MS = 5000;
    private static final int SHOWN_LINE_CHARS = 40;

    private final SerialPortConfig config;
    private final PortConnector connector;
    private final Work work;
    private final LineAssembler assembler;
    private final ArrayBlockingQueue<byte[]> writes;
    private final byte[] delimiter;
    private final ReentrantLock portLock = new ReentrantLock();
    private final List<Integer> forwardTasks = new ArrayList<>();

    private final AtomicLong linesIn = new AtomicLong();
    private final AtomicLong linesOut = new AtomicLong();
    private final AtomicLong droppedWrites = new AtomicLong();
    private final AtomicLong droppedTriggers = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);

    private volatile PortConnection port;
    private volatile Instant connectedSince;
    private volatile Instant lastLineAt;
    private volatile Instant lastDisconnectAt;
    private volatile Note lastError;
    private volatile String writeFailure;
    private volatile boolean stopping;
    private volatile CountDownLatch stopSignal = new CountDownLatch(1);
    private Thread reader;
    private Thread writer;

    // the reader thread's own state, across the iterations of its loop
    private long backoff;
    private boolean outageReported;
    private int failedAttempts;

    PortChannel(SerialPortConfig config, PortConnector connector, Work work) {
        this.config = config;
        this.connector = connector;
        this.work = work;
        this.assembler = new LineAssembler(config.delimiter(), config.charset(), config.maxLineLength(), this);
        this.writes = new ArrayBlockingQueue<>(config.writeQueueCapacity());
        this.delimiter = config.delimiter().getBytes(config.charset());
    }

    String name() {
        return config.name();
    }

    SerialPortConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Subscribes the forwarded events and starts the threads (nothing for a disabled port). */
    synchronized void start() {
        if (!config.enabled() || reader != null) {
            return;
        }
        stopping = false;
        stopSignal = new CountDownLatch(1);
        for (String event : config.forward()) {
            String job = "serial " + config.name() + " forward " + event;
            forwardTasks.add(work.on(Job.named(job, args -> forward(event, args)), event, true));
        }
        reader = new Thread(this::readLoop, "microevents-serial-" + config.name());
        writer = new Thread(this::writeLoop, "microevents-serial-" + config.name() + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        Thread.UncaughtExceptionHandler lastResort = (thread, e) -> {
            error("thread " + thread.getName() + " ended: " + describe(e));
            log.log(Level.ERROR, "Serial port '" + config.name() + "': thread " + thread.getName() + " ended", e);
        };
        reader.setUncaughtExceptionHandler(lastResort);
        writer.setUncaughtExceptionHandler(lastResort);
        reader.start();
        writer.start();
    }

    /** Cancels the forwarding tasks, stops both threads and closes the port. */
    synchronized void stop() {
        if (reader == null) {
            return;
        }
        stopping = true;
        stopSignal.countDown();
        for (int id : forwardTasks) {
            // an id that ended is never given to another task before ids wrap around
            work.cancel(id);
        }
        forwardTasks.clear();
        writer.interrupt();
        join(writer);
        join(reader);
        reader = null;
        writer = null;
    }

    private void join(Thread thread) {
        try {
            thread.join(JOIN_TIMEOUT_MS);
            if (thread.isAlive()) {
                log.log(Level.WARNING, "Thread " + thread.getName() + " did not end within " + JOIN_TIMEOUT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ reading

    private void readLoop() {
        backoff = config.reconnectInterval().toMillis();
        outageReported = false;
        failedAttempts = 0;
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try {
            while (!stopping) {
                try {
                    if (!openReadAndClose(buffer)) {
                        break;
                    }
                } catch (Throwable e) {
                    // the last resort (an OutOfMemoryError while logging, say): note it, wait, go on
                    String why = "reader failed: " + describe(e);
                    PortConnection left = port;
                    if (left != null) {
                        close(left, why);
                    } else {
                        error(why);
                    }
                    if (awaitStop(backoff)) {
                        break;
                    }
                }
            }
        } finally {
            PortConnection left = port;
            if (left != null) {
                close(left, stopping ? null : "reader ended");
            }
        }
    }

    /**
     * One round of the reader: open the port (or wait the backoff when it cannot be), read it
     * until it is lost, close it and wait the backoff.
     *
     * @return false when the channel stops
     */
    private boolean openReadAndClose(byte[] buffer) {
        long initial = config.reconnectInterval().toMillis();
        long cap = config.maxReconnectInterval().toMillis();
        PortConnection opened = open();
        if (opened == null) {
            failedAttempts++;
            if (!outageReported) {
                outageReported = true;
                log.log(Level.WARNING, "Serial port '" + config.name() + "' cannot be opened: " + lastErrorMessage()
                        + "; retrying every " + initial + " ms, backing off to " + cap + " ms");
            } else if (log.isLoggable(Level.DEBUG)) {
                log.log(Level.DEBUG, "Serial port '" + config.name() + "' still unavailable after " + failedAttempts
                        + " attempts: " + lastErrorMessage());
            }
            if (awaitStop(backoff)) {
                return false;
            }
            backoff = Math.min(backoff * 2, cap);
            return true;
        }
        long openedAt = System.nanoTime();
        String lost;
        try {
            log.log(Level.INFO, "Serial port '" + config.name() + "' open on " + config.path() + " (" + connector + ")"
                    + (outageReported ? " again" : "") + (failedAttempts > 0 ? " after " + failedAttempts + " failed attempts" : ""));
            failedAttempts = 0;
            lost = pump(opened, buffer);
        } catch (Throwable e) {
            lost = "reader failed: " + describe(e);
        }
        close(opened, lost);
        if (lost == null) {
            return false;
        }
        outageReported = true;
        if (System.nanoTime() - openedAt >= TimeUnit.MILLISECONDS.toNanos(initial)) {
            backoff = initial; // it was up for a while: start the backoff over; a flapping port keeps backing off
        }
        log.log(Level.WARNING, "Serial port '" + config.name() + "' (" + config.path() + ") lost: " + lost
                + "; reopening every " + initial + " ms, backing off to " + cap + " ms");
        if (awaitStop(backoff)) {
            return false;
        }
        backoff = Math.min(backoff * 2, cap);
        return true;
    }

    /** Opens a fresh connection through the port's connector (which looks the device up again). */
    private PortConnection open() {
        PortConnection candidate;
        try {
            candidate = connector.open(config);
        } catch (IOException e) {
            error("cannot open " + config.path() + ": " + reason(e));
            return null;
        } catch (Throwable e) {
            error("cannot open " + config.path() + ": " + describe(e));
            return null;
        }
        if (candidate == null) {
            error("cannot open " + config.path() + ": " + connector + " returned no connection");
            return null;
        }
        assembler.reset();
        writeFailure = null;
        portLock.lock();
        try {
            port = candidate;
            connectedSince = Instant.now();
        } finally {
            portLock.unlock();
        }
        return candidate;
    }

    /** Reads until the port is lost (returns why) or the channel stops (returns null). */
    private String pump(PortConnection source, byte[] buffer) {
        while (!stopping) {
            int count;
            try {
                count = source.read(buffer);
            } catch (IOException e) {
                return reason(e);
            } catch (Throwable e) {
                return "read failed: " + describe(e);   // the connection itself failed
            }
            if (count > 0) {
                feed(buffer, count);
            } else if (count < 0) {
                return "the connection ended";
            }
            String broken = writeFailure;
            if (broken != null) {
                return broken;
            }
        }
        return null;
    }

    /** Cuts and handles the lines; a failure here costs the line being assembled, not the port. */
    private void feed(byte[] buffer, int count) {
        try {
            assembler.feed(buffer, 0, count);
        } catch (Throwable e) {
            assembler.reset();
            dropped(DropReason.FAILED, "line handling failed: " + describe(e));
        }
    }

    private void close(PortConnection opened, String reason) {
        portLock.lock();
        try {
            port = null;
            connectedSince = null;
            opened.close();
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, "Closing serial port '" + config.name() + "' failed", e);
        } finally {
            portLock.unlock();
        }
        List<byte[]> unsent = new ArrayList<>();
        writes.drainTo(unsent);
        for (byte[] line : unsent) {
            queuedBytes.addAndGet(-line.length);
        }
        droppedWrites.addAndGet(unsent.size());
        if (reason != null) {
            disconnects.incrementAndGet();
            lastDisconnectAt = Instant.now();
            error(reason);
        }
    }

    private boolean awaitStop(long millis) {
        try {
            return stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void line(String line) {
        Consumer<String> rawLines = config.rawLines();
        if (rawLines != null) {
            try {
                rawLines.accept(line);
            } catch (Throwable e) {
                error("raw line sink failed: " + describe(e));
            }
        }
        Optional<LineEvent> event;
        try {
            event = config.parser().parse(line);
        } catch (RuntimeException e) {
            dropped(DropReason.MALFORMED, "malformed line '" + shorten(line) + "': " + reason(e));
            return;
        } catch (Throwable e) {
            dropped(DropReason.FAILED, "parser failed on line '" + shorten(line) + "': " + describe(e));
            return;
        }
        if (event == null || event.isEmpty()) {
            dropped(DropReason.NO_EVENT, "line holds no event name: '" + shorten(line) + "'");
            return;
        }
        String name = config.eventPrefix() + event.get().name();
        TriggerOutcome outcome;
        try {
            outcome = work.trigger(name, event.get().args().toArray());
        } catch (RuntimeException e) {
            dropped(DropReason.MALFORMED, "event '" + SafeText.of(name) + "' refused: " + reason(e));
            return;
        } catch (Throwable e) {
            dropped(DropReason.FAILED, "triggering event '" + SafeText.of(name) + "' failed: " + describe(e));
            return;
        }
        linesIn.incrementAndGet();
        lastLineAt = Instant.now();
        if (outcome.dropped() > 0) {
            droppedTriggers.addAndGet(outcome.dropped());
            error("event '" + SafeText.of(name) + "' dropped by " + outcome.dropped()
                    + (outcome.dropped() == 1 ? " listener" : " listeners") + " whose queue of triggers was full");
        }
    }

    @Override
    public void dropped(DropReason reason, String detail) {
        drops.incrementAndGet(reason.ordinal());
        error(detail);
        if (log.isLoggable(Level.DEBUG)) {
            log.log(Level.DEBUG, "Serial port '" + config.name() + "' skipped a line (" + reason + "): " + detail);
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Queues a line for the writer thread; never blocks.
     *
     * @return false when the port is not connected or the queue is full (counted)
     */
    boolean send(String line) {
        Checks.notNull(line, "line");
        if (line.contains(config.delimiter())) {
            throw new IllegalArgumentException("line must not contain the delimiter of port '" + config.name()
                    + "', but was '" + shorten(line) + "'");
        }
        byte[] text = line.getBytes(config.charset());
        if (text.length + delimiter.length > config.writeQueueBytes()) {
            throw new IllegalArgumentException("line must fit the write queue of port '" + config.name() + "' ("
                    + config.writeQueueBytes() + " bytes, write-queue-bytes), but was " + text.length + " bytes");
        }
        if (port == null) {
            droppedWrites.incrementAndGet();
            return false;
        }
        byte[] bytes = Arrays.copyOf(text, text.length + delimiter.length);
        System.arraycopy(delimiter, 0, bytes, text.length, delimiter.length);
        if (queuedBytes.addAndGet(bytes.length) > config.writeQueueBytes()) {
            queuedBytes.addAndGet(-bytes.length);
            droppedWrites.incrementAndGet();
            error("write queue full (" + config.writeQueueBytes() + " bytes): line dropped");
            return false;
        }
        if (!writes.offer(bytes)) {
            queuedBytes.addAndGet(-bytes.length);
            droppedWrites.incrementAndGet();
            error("write queue full (" + config.writeQueueCapacity() + " lines): line dropped");
            return false;
        }
        return true;
    }

    /** The job of a forwarded event: runs on the Work loop thread, only queues. */
    private void forward(String event, Object[] args) {
        String prefix = config.eventPrefix();
        String name = !prefix.isEmpty() && event.startsWith(prefix) && event.length() > prefix.length()
                ? event.substring(prefix.length()) : event;
        try {
            send(config.parser().format(name, Arrays.asList(args)));
        } catch (RuntimeException e) {
            droppedWrites.incrementAndGet();
            error("cannot forward '" + SafeText.of(event) + "': " + reason(e));
        }
    }

    private void writeLoop() {
        while (!stopping) {
            byte[] line;
            try {
                line = writes.take();
            } catch (InterruptedException e) {
                return;
            }
            queuedBytes.addAndGet(-line.length);
            try {
                write(line);
            } catch (Throwable e) {
                droppedWrites.incrementAndGet();
                error("write failed: " + describe(e));
            }
        }
    }

    private void write(byte[] line) {
        portLock.lock();
        try {
            PortConnection target = port;
            if (target == null) {
                droppedWrites.incrementAndGet();
                return;
            }
            int written = target.write(line, 0, line.length);
            if (written == line.length) {
                linesOut.incrementAndGet();
                return;
            }
            droppedWrites.incrementAndGet();
            error("write failed: " + written + " of " + line.length + " bytes written");
        } catch (IOException e) {
            droppedWrites.incrementAndGet();
            String why = "write failed: " + reason(e);
            error(why);
            writeFailure = why;
        } catch (RuntimeException e) {
            droppedWrites.incrementAndGet();
            error("write failed: " + e);
        } finally {
            portLock.unlock();
        }
    }

    // ------------------------------------------------------------------ status

    SerialPortStatus status() {
        Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        long dropped = 0;
        for (DropReason reason : DropReason.values()) {
            long n = drops.get(reason.ordinal());
            byReason.put(reason, n);
            dropped += n;
        }
        Note error = lastError;
        Instant since = connectedSince;
        return new SerialPortStatus(config.name(), config.path(), config.enabled(), since != null, since,
                linesIn.get(), linesOut.get(), dropped, byReason, droppedWrites.get(), droppedTriggers.get(),
                disconnects.get(),
                lastDisconnectAt, error == null ? null : error.message(), error == null ? null : error.at(),
                lastLineAt);
    }

    private void error(String message) {
        lastError = new Note(message, Instant.now());
    }

    private String lastErrorMessage() {
        Note note = lastError;
        return note == null ? "unknown error" : note.message();
    }

    /** The first line of an exception's message (Jackson's run over several), or its type; bounded. */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int end = message.indexOf('\n');
        return SafeText.of(end < 0 ? message : message.substring(0, end).strip());
    }

    /** An exception or error by type and message, bounded. */
    private static String describe(Throwable e) {
        return SafeText.of(e);
    }

    private static String shorten(String line) {
        return SafeText.of(line, SHOWN_LINE_CHARS);
    }

    /** A message and when it happened. */
    private record Note(String message, Instant at) {
    }
}
