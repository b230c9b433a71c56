package io.microevents.mqtt;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import io.microevents.SafeText;
import io.microevents.TriggerOutcome;
import io.microevents.Work;
import io.microevents.WorkObserver;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events across hosts over an MQTT broker: local events that match {@code publish} go out on
 * {@code {prefix}/{node}/event/{name}} as {@code {"args":[...],"ts":"...","origin":"node","id":"uuid"}};
 * messages on {@code {prefix}/+/event/{name}} whose name matches {@code subscribe} become
 * {@code work.trigger(name, args...)} here. {@code {prefix}/{node}/status} holds a retained
 * {@code online}, and the broker's last will sets it to {@code offline}.
 *
 * <p>Loops are stopped in layers: an event that arrived over MQTT is never published again;
 * messages whose origin is this node are dropped; MQTT 5 subscriptions are no-local; a bounded
 * set of recent message ids drops QoS 1 duplicates.
 *
 * <p>Nothing here blocks the thread that triggers an event: while the broker is unreachable,
 * outbound events wait in a buffer bounded in count and bytes, then are dropped and counted. The
 * client reconnects with backoff and subscribes again. Bad input from the broker is counted by
 * reason ({@link MqttDropReason}) and skipped.
 */
public final class MqttBridge implements AutoCloseable {

    private static final System.Logger log = System.getLogger(MqttBridge.class.getName());

    /** The retained payload of the status topic while the node is connected. */
    public static final String ONLINE = "online";
    /** The retained payload of the status topic after the node left (its last will). */
    public static final String OFFLINE = "offline";

    private static final byte[] ONLINE_BYTES = ONLINE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] OFFLINE_BYTES = OFFLINE.getBytes(StandardCharsets.UTF_8);
    private static final ThreadLocal<Boolean> INBOUND = new ThreadLocal<>();
    private static final MqttDropReason[] REASONS = MqttDropReason.values();

    private final Work work;
    private final MqttTopics topics;
    private final String host;
    private final int port;
    private final boolean tls;
    private final String broker;
    private final boolean embedded;
    private final MqttProperties settings;
    private final List<String> publish;
    private final List<String> subscribe;
    private final MqttQos qos;
    private final boolean v5;
    private final String clientId;
    private final MqttClientSslConfig sslConfig;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Observer observer = new Observer();

    private final Object lock = new Object();
    private final ArrayDeque<Outbound> buffer = new ArrayDeque<>();
    private long bufferedBytes;
    private int inFlight;
    private long inFlightBytes;
    private boolean connected;
    private boolean everConnected;
    private volatile Instant since;
    private volatile String lastError;

    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLongArray drops = new AtomicLongArray(REASONS.length);
    private final Map<String, Boolean> recentIds;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean invalidNameLogged = new AtomicBoolean();

    private volatile Mqtt5AsyncClient client5;
    private volatile Mqtt3AsyncClient client3;
    private volatile boolean started;

    /**
     * Creates the bridge; {@link #start()} connects it.
     *
     * @param work the scheduler whose events go out and where inbound events are triggered
     * @param settings the settings ({@code url} and {@code node} are taken from the next arguments)
     * @param node this node's name
     * @param url the broker, {@code tcp://host:port} or {@code ssl://host:port}
     * @param embedded whether the broker is the embedded one, for the status
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a setting is invalid; the message names it
     */
    public MqttBridge(Work work, MqttProperties settings, String node, String url, boolean embedded) {
        this.work = Objects.requireNonNull(work, "work");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(url, "url");
        this.topics = new MqttTopics(settings.getPrefix(), node);
        this.publish = MqttTopics.checkPatterns(settings.getPublish(), "microevents.mqtt.publish");
        this.subscribe = MqttTopics.checkPatterns(settings.getSubscribe(), "microevents.mqtt.subscribe");
        if (settings.getQos() < 0 || settings.getQos() > 2) {
            throw new IllegalArgumentException("microevents.mqtt.qos must be 0, 1 or 2, but was " + settings.getQos());
        }
        this.qos = MqttQos.fromCode(settings.getQos());
        positive(settings.getMaxPayloadBytes(), "microevents.mqtt.max-payload-bytes");
        positive(settings.getDedupIds(), "microevents.mqtt.dedup-ids");
        positive(settings.getBuffer().getMaxEvents(), "microevents.mqtt.buffer.max-events");
        positive(settings.getBuffer().getMaxBytes(), "microevents.mqtt.buffer.max-bytes");
        positive(settings.getReconnect().getInitialDelay(), "microevents.mqtt.reconnect.initial-delay");
        positive(settings.getReconnect().getMaxDelay(), "microevents.mqtt.reconnect.max-delay");
        positive(settings.getKeepAlive(), "microevents.mqtt.keep-alive");
        this.v5 = settings.getProtocolVersion() != MqttProperties.ProtocolVersion.MQTT_3_1_1;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("microevents.mqtt.url must be tcp://host:port or ssl://host:port, but was '"
                    + SafeText.of(url) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        this.tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "mqtts", "tls" -> true;
            default -> throw new IllegalArgumentException("microevents.mqtt.url must start with tcp:// or ssl://, but was '"
                    + SafeText.of(uri.getScheme()) + "://...'");
        };
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("microevents.mqtt.url must not hold credentials: set microevents.mqtt.username "
                    + "and microevents.mqtt.password instead");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("microevents.mqtt.url has no host: '" + SafeText.of(url) + "'");
        }
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        this.broker = (tls ? "ssl://" : "tcp://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.embedded = embedded;
        this.clientId = settings.getClientId() == null || settings.getClientId().isBlank()
                ? "microevents-" + node : settings.getClientId();
        this.sslConfig = tls ? sslConfig(settings.getTls()) : null;
        this.mapper = JsonMapper.shared();
        this.clock = Clock.systemUTC();
        int dedup = settings.getDedupIds();
        this.recentIds = Collections.synchronizedMap(new LinkedHashMap<>(Math.min(dedup, 1024) * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > dedup;
            }
        });
    }

    /** Connects to the broker (without waiting: the client keeps trying, with backoff) and starts passing events. */
    public void start() {
        synchronized (lock) {
            if (started) {
                return;
            }
            started = true;
        }
        MqttClientBuilder builder = MqttClient.builder()
                .identifier(clientId)
                .serverHost(host)
                .serverPort(port)
                .automaticReconnect()
                .initialDelay(settings.getReconnect().getInitialDelay().toMillis(), TimeUnit.MILLISECONDS)
                .maxDelay(settings.getReconnect().getMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(this::onConnected)
                .addDisconnectedListener(this::onDisconnected);
        if (sslConfig != null) {
            builder = builder.sslConfig(sslConfig);
        }
        long keepAlive = Math.max(1, Math.min(65_535, settings.getKeepAlive().toSeconds()));
        work.addObserver(observer);
        if (v5) {
            Mqtt5ClientBuilder b = builder.useMqttVersion5()
                    .willPublish().topic(topics.status()).payload(OFFLINE_BYTES).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                    .applyWillPublish();
            if (settings.getUsername() != null) {
                b = b.simpleAuth().username(settings.getUsername()).password(password()).applySimpleAuth();
            }
            client5 = b.buildAsync();
            client5.connectWith().cleanStart(true).keepAlive((int) keepAlive).send()
                    .whenComplete((ack, e) -> afterFirstConnect(e));
        } else {
            Mqtt3ClientBuilder b = builder.useMqttVersion3()
                    .willPublish().topic(topics.status()).payload(OFFLINE_BYTES).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                    .applyWillPublish();
            if (settings.getUsername() != null) {
                b = b.simpleAuth().username(settings.getUsername()).password(password()).applySimpleAuth();
            }
            client3 = b.buildAsync();
            client3.connectWith().cleanSession(true).keepAlive((int) keepAlive).send()
                    .whenComplete((ack, e) -> afterFirstConnect(e));
        }
        log.log(Level.INFO, "MQTT node ''{0}'' connecting to {1}{2} (MQTT {3}); publishes {4}, subscribes {5}", topics.node(), broker,
                embedded ? " (embedded broker)" : "", v5 ? "5" : "3.1.1", publish, subscribe);
    }

    /**
     * Stops passing events, sets the status to {@code offline} and disconnects, waiting at most
     * the given time. Events still in the buffer are lost. Call it from a thread of your own
     * (shut-down), never from a job.
     *
     * @param timeout how long to wait for the broker
     */
    public void stop(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        synchronized (lock) {
            if (!started) {
                return;
            }
            started = false;
        }
        work.removeObserver(observer);
        long millis = Math.max(1, timeout.toMillis());
        try {
            CompletableFuture<?> done;
            if (client5 != null) {
                CompletableFuture<?> offline = isConnected() ? client5.publishWith().topic(topics.status())
                        .payload(OFFLINE_BYTES).qos(MqttQos.AT_LEAST_ONCE).retain(true).send() : CompletableFuture.completedFuture(null);
                done = offline.handle((r, e) -> null).thenCompose(x -> client5.disconnect());
            } else {
                CompletableFuture<?> offline = isConnected() ? client3.publishWith().topic(topics.status())
                        .payload(OFFLINE_BYTES).qos(MqttQos.AT_LEAST_ONCE).retain(true).send() : CompletableFuture.completedFuture(null);
                done = offline.handle((r, e) -> null).thenCompose(x -> client3.disconnect());
            }
            done.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.log(Level.DEBUG, "MQTT node ''{0}'': disconnect did not complete: {1}", topics.node(), SafeText.of(e.getMessage()));
        }
        synchronized (lock) {
            connected = false;
            buffer.clear();
            bufferedBytes = 0;
        }
        log.log(Level.INFO, "MQTT node ''{0}'' disconnected from {1}", topics.node(), broker);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    /** @return whether the client is connected now */
    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    /** @return this node's topics */
    public MqttTopics topics() {
        return topics;
    }

    /** @return the connection and the counters */
    public MqttStatus status() {
        int buffered;
        long bytes;
        boolean up;
        synchronized (lock) {
            buffered = buffer.size();
            bytes = bufferedBytes;
            up = connected;
        }
        Map<MqttDropReason, Long> byReason = new EnumMap<>(MqttDropReason.class);
        for (MqttDropReason r : REASONS) {
            byReason.put(r, drops.get(r.ordinal()));
        }
        return new MqttStatus(topics.node(), broker, embedded, v5 ? "5" : "3.1.1", up, since, lastError,
                messagesIn.get(), messagesOut.get(), buffered, bytes, reconnects.get(), Collections.unmodifiableMap(byReason));
    }

    /**
     * @param reason a drop reason
     * @return how many were dropped for it
     */
    public long dropped(MqttDropReason reason) {
        return drops.get(Objects.requireNonNull(reason, "reason").ordinal());
    }

    @Override
    public String toString() {
        return "MqttBridge[node=" + topics.node() + ", broker=" + broker + "]";
    }

    // ---- connection ----

    private void afterFirstConnect(Throwable error) {
        if (error != null) {
            lastError = SafeText.of(error.getMessage());
            log.log(Level.WARNING, "MQTT node ''{0}'' could not connect to {1} yet: {2} (retrying with backoff)", topics.node(), broker,
                    lastError);
        }
    }

    private void onConnected(MqttClientConnectedContext context) {
        if (subscribed.compareAndSet(false, true) && !subscribe.isEmpty()) {
            subscribe();
        }
        publishStatus();
        boolean again;
        synchronized (lock) {
            if (!started) {
                return;
            }
            again = everConnected;
            everConnected = true;
            connected = true;
            since = clock.instant();
            lastError = null;
            // in order, ahead of anything published after this
            while (!buffer.isEmpty()) {
                Outbound o = buffer.poll();
                bufferedBytes -= o.payload.length;
                send(o);
            }
        }
        if (again) {
            reconnects.incrementAndGet();
        }
        log.log(Level.INFO, "MQTT node ''{0}'' connected to {1}", topics.node(), broker);
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        boolean was;
        synchronized (lock) {
            was = connected;
            connected = false;
            if (was || since == null) {
                since = clock.instant();
            }
        }
        Throwable cause = context.getCause();
        if (context.getSource() != MqttDisconnectSource.USER) {
            lastError = SafeText.of(cause == null ? "connection lost" : cause.getMessage());
            if (was) {
                log.log(Level.WARNING, "MQTT node ''{0}'' lost the connection to {1}: {2} (reconnecting with backoff)", topics.node(),
                        broker, lastError);
            } else {
                log.log(Level.DEBUG, "MQTT node ''{0}'' could not connect to {1}: {2}", topics.node(), broker, lastError);
            }
        }
    }

    private void subscribe() {
        List<String> filters = new ArrayList<>();
        boolean glob = subscribe.stream().anyMatch(p -> p.indexOf('*') >= 0);
        if (glob) {
            filters.add(topics.eventFilter(null));
        } else {
            subscribe.stream().distinct().forEach(name -> filters.add(topics.eventFilter(name)));
        }
        CompletableFuture<?> sent;
        if (v5) {
            List<Mqtt5Subscription> subs = filters.stream()
                    .map(f -> Mqtt5Subscription.builder().topicFilter(f).qos(qos).noLocal(true).build()).toList();
            sent = client5.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subs).build(), this::onMessage5);
        } else {
            List<Mqtt3Subscription> subs = filters.stream()
                    .map(f -> Mqtt3Subscription.builder().topicFilter(f).qos(qos).build()).toList();
            sent = client3.subscribe(Mqtt3Subscribe.builder().addSubscriptions(subs).build(), this::onMessage3);
        }
        sent.whenComplete((ack, e) -> {
            if (e != null) {
                subscribed.set(false);
                lastError = SafeText.of("subscribe failed: " + e.getMessage());
                log.log(Level.WARNING, "MQTT node ''{0}'': subscribing to {1} failed: {2}", topics.node(), filters, lastError);
            } else {
                log.log(Level.DEBUG, "MQTT node ''{0}'' subscribed to {1}", topics.node(), filters);
            }
        });
    }

    private void publishStatus() {
        if (v5) {
            client5.publishWith().topic(topics.status()).payload(ONLINE_BYTES).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        } else {
            client3.publishWith().topic(topics.status()).payload(ONLINE_BYTES).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        }
    }

    // ---- outbound ----

    private final class Observer implements WorkObserver {
        @Override
        public void eventTriggered(String event, List<Object> pkg, TriggerOutcome outcome) {
            if (INBOUND.get() == null && MqttTopics.matches(publish, event)) {
                outbound(event, pkg);
            }
        }
    }

    private void outbound(String event, List<Object> args) {
        try {
            MqttTopics.checkEventName(event);
        } catch (IllegalArgumentException e) {
            count(MqttDropReason.INVALID_NAME);
            if (invalidNameLogged.compareAndSet(false, true)) {
                log.log(Level.WARNING, "MQTT node ''{0}'' does not publish an event: {1} (logged once; counted as INVALID_NAME)",
                        topics.node(), e.getMessage());
            }
            return;
        }
        // a random (version 4) UUID from a per-thread generator: ids only need to be unique enough to
        // drop redeliveries, and UUID.randomUUID() takes a lock on a SecureRandom for every event
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        String id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
        Map<String, Object> body = new LinkedHashMap<>(8);
        body.put("args", jsonValues(args));
        body.put("ts", clock.instant().toString());
        body.put("origin", topics.node());
        body.put("id", id);
        byte[] payload = mapper.writeValueAsBytes(body);
        Outbound o = new Outbound(topics.event(event), payload, id);
        synchronized (lock) {
            if (!started) {
                return;
            }
            if (connected && buffer.isEmpty()) {
                if (inFlight >= settings.getBuffer().getMaxEvents()
                        || inFlightBytes + payload.length > settings.getBuffer().getMaxBytes()) {
                    count(MqttDropReason.BUFFER_FULL);
                    return;
                }
                send(o);
            } else if (buffer.size() >= settings.getBuffer().getMaxEvents()
                    || bufferedBytes + payload.length > settings.getBuffer().getMaxBytes()) {
                count(MqttDropReason.BUFFER_FULL);
            } else {
                buffer.add(o);
                bufferedBytes += payload.length;
            }
        }
    }

    /** Called with the lock held; the client's publish only queues, it does not block. */
    private void send(Outbound o) {
        inFlight++;
        inFlightBytes += o.payload.length;
        CompletableFuture<?> sent;
        if (v5) {
            sent = client5.publish(Mqtt5Publish.builder().topic(o.topic).qos(qos).payload(o.payload)
                    .userProperties().add("origin", topics.node()).add("id", o.id).applyUserProperties()
                    .build());
        } else {
            sent = client3.publish(Mqtt3Publish.builder().topic(o.topic).qos(qos).payload(o.payload).build());
        }
        sent.whenComplete((result, e) -> {
            synchronized (lock) {
                inFlight--;
                inFlightBytes -= o.payload.length;
            }
            Throwable error = e;
            if (error == null && result instanceof com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult r
                    && r.getError().isPresent()) {
                error = r.getError().get();
            }
            if (error == null) {
                messagesOut.incrementAndGet();
            } else {
                count(MqttDropReason.PUBLISH_FAILED);
                log.log(Level.DEBUG, "MQTT node ''{0}'': publish on {1} failed: {2}", topics.node(), o.topic, SafeText.of(error.getMessage()));
            }
        });
    }

    private static List<Object> jsonValues(List<Object> args) {
        List<Object> out = new ArrayList<>(args.size());
        for (Object a : args) {
            if (a == null || a instanceof String || a instanceof Boolean || a instanceof Integer || a instanceof Long
                    || a instanceof Short || a instanceof Byte || a instanceof java.math.BigDecimal
                    || a instanceof java.math.BigInteger) {
                out.add(a);
            } else if (a instanceof Double d) {
                out.add(Double.isFinite(d) ? d : d.toString());
            } else if (a instanceof Float f) {
                out.add(Float.isFinite(f) ? f : f.toString());
            } else if (a instanceof Enum<?> e) {
                out.add(e.name());
            } else {
                out.add(String.valueOf(a));
            }
        }
        return out;
    }

    private record Outbound(String topic, byte[] payload, String id) {
    }

    // ---- inbound ----

    private void onMessage5(Mqtt5Publish message) {
        String origin = null;
        String id = null;
        for (Mqtt5UserProperty p : message.getUserProperties().asList()) {
            String name = p.getName().toString();
            if (origin == null && name.equals("origin")) {
                origin = p.getValue().toString();
            } else if (id == null && name.equals("id")) {
                id = p.getValue().toString();
            }
        }
        inbound(message.getTopic().toString(), message.getPayloadAsBytes(), origin, id);
    }

    private void onMessage3(Mqtt3Publish message) {
        inbound(message.getTopic().toString(), message.getPayloadAsBytes(), null, null);
    }

    /**
     * Turns one message into a trigger, or counts why not. Never throws: it runs on the client's
     * thread, and bad input from the broker must not end anything.
     */
    void inbound(String topic, byte[] payload, String originProperty, String idProperty) {
        try {
            if (payload.length > settings.getMaxPayloadBytes()) {
                drop(MqttDropReason.OVERSIZED, topic, "payload of " + payload.length + " bytes > max-payload-bytes "
                        + settings.getMaxPayloadBytes());
                return;
            }
            String[] parsed = topics.parse(topic);
            if (parsed == null || !MqttTopics.matches(subscribe, parsed[1])) {
                drop(MqttDropReason.NOT_SUBSCRIBED, topic, "not a subscribed event");
                return;
            }
            String event = parsed[1];
            if (topics.node().equals(parsed[0]) || topics.node().equals(originProperty)) {
                count(MqttDropReason.OWN_ORIGIN);
                return;
            }
            JsonNode root;
            try {
                root = mapper.readTree(payload);
            } catch (JacksonException e) {
                drop(MqttDropReason.MALFORMED, topic, "not JSON: " + e.getOriginalMessage());
                return;
            }
            if (root == null || root.isMissingNode()) {
                drop(MqttDropReason.MALFORMED, topic, "empty payload");
                return;
            }
            if (!root.isObject()) {
                drop(MqttDropReason.WRONG_SHAPE, topic, "not a JSON object");
                return;
            }
            JsonNode origin = root.get("origin");
            JsonNode id = root.get("id");
            JsonNode args = root.get("args");
            if (!stringOrAbsent(origin) || !stringOrAbsent(id) || !stringOrAbsent(root.get("ts"))) {
                drop(MqttDropReason.WRONG_SHAPE, topic, "'origin', 'id' and 'ts' must be strings");
                return;
            }
            if (args != null && !args.isNull() && !args.isArray()) {
                drop(MqttDropReason.WRONG_SHAPE, topic, "'args' must be an array");
                return;
            }
            if (origin != null && !origin.isNull() && topics.node().equals(origin.stringValue())) {
                count(MqttDropReason.OWN_ORIGIN);
                return;
            }
            List<Object> values = new ArrayList<>();
            if (args != null && !args.isNull()) {
                for (JsonNode arg : args.values()) {
                    Object v = scalar(arg);
                    if (v == NOT_SCALAR) {
                        drop(MqttDropReason.WRONG_SHAPE, topic, "'args' must hold numbers, strings, booleans or null");
                        return;
                    }
                    values.add(v);
                }
            }
            String messageId = idProperty != null ? idProperty : id != null && !id.isNull() ? id.stringValue() : null;
            if (messageId != null && recentIds.put(messageId, Boolean.TRUE) != null) {
                count(MqttDropReason.DUPLICATE);
                return;
            }
            TriggerOutcome outcome;
            INBOUND.set(Boolean.TRUE);
            try {
                outcome = work.trigger(event, values.toArray());
            } finally {
                INBOUND.remove();
            }
            if (outcome.dropped() > 0) {
                count(MqttDropReason.QUEUE_FULL);
            }
            if (outcome.woken() > 0) {
                messagesIn.incrementAndGet();
            } else if (outcome.dropped() == 0) {
                drop(MqttDropReason.NO_LISTENER, topic, "no task listens for the event");
            }
        } catch (RuntimeException e) {
            drop(MqttDropReason.WRONG_SHAPE, topic, "could not be triggered: " + e.getMessage());
        }
    }

    private static final Object NOT_SCALAR = new Object();

    private static Object scalar(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.canConvertToLong()) {
                return node.longValue();
            }
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return NOT_SCALAR;
    }

    private static boolean stringOrAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isString();
    }

    private void drop(MqttDropReason reason, String topic, String why) {
        count(reason);
        if (log.isLoggable(Level.DEBUG)) {
            log.log(Level.DEBUG, "MQTT node ''{0}'' skipped a message on ''{1}'' ({2}): {3}", topics.node(), SafeText.of(topic), reason,
                    SafeText.of(why));
        }
    }

    private void count(MqttDropReason reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    // ---- settings ----

    private byte[] password() {
        String p = settings.getPassword();
        return p == null ? new byte[0] : p.getBytes(StandardCharsets.UTF_8);
    }

    private static MqttClientSslConfig sslConfig(MqttProperties.Tls tls) {
        MqttClientSslConfigBuilder b = MqttClientSslConfig.builder();
        if (tls.getTrustStore() != null && !tls.getTrustStore().isBlank()) {
            KeyStore store = load(tls.getTrustStore(), tls.getTrustStoreType(), tls.getTrustStorePassword(),
                    "microevents.mqtt.tls.trust-store");
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                b = b.trustManagerFactory(tmf);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("microevents.mqtt.tls.trust-store could not be used: " + e.getMessage(), e);
            }
        }
        if (tls.getKeyStore() != null && !tls.getKeyStore().isBlank()) {
            KeyStore store = load(tls.getKeyStore(), tls.getKeyStoreType(), tls.getKeyStorePassword(),
                    "microevents.mqtt.tls.key-store");
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, chars(tls.getKeyStorePassword()));
                b = b.keyManagerFactory(kmf);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("microevents.mqtt.tls.key-store could not be used: " + e.getMessage(), e);
            }
        }
        if (!tls.isVerifyHostname()) {
            b = b.hostnameVerifier((hostname, session) -> true);
        }
        return b.build();
    }

    private static KeyStore load(String file, String type, String password, String key) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // the message names the file and the failure, never the password
            throw new IllegalArgumentException(key + " '" + SafeText.of(file) + "' could not be read as " + type + ": "
                    + e.getClass().getSimpleName() + " " + SafeText.of(e.getMessage()), e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    private static void positive(long value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be positive, but was " + value);
        }
    }

    private static void positive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, but was " + value);
        }
    }
}
