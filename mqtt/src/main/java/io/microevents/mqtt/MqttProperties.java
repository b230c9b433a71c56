package io.microevents.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;

/**
 * Settings of the MQTT bridge, under {@code microevents.mqtt}: which broker, this node's name,
 * which events go out and which come in. Nothing crosses hosts until {@link #publish} or
 * {@link #subscribe} names events.
 *
 * <p>A plain settings object: build one with {@code new} and the setters, or let the Spring Boot
 * auto-configuration bind it. {@link ConfigurationPropertiesSource} is a compile-time hint for the
 * metadata generator only; nothing of Spring is needed at run time.
 */
@ConfigurationPropertiesSource
public class MqttProperties {

    /** Whether the MQTT bridge is on (when the module is on the class path). */
    private boolean enabled = true;

    /**
     * The broker: {@code tcp://host:1883} or {@code ssl://host:8883}. Unset: an embedded broker
     * starts on 127.0.0.1 ({@code microevents.mqtt.embedded.port}) and this node connects to it.
     */
    private String url;

    /** This node's name in topics and in the origin of its events; defaults to spring.application.name, else the host name. */
    private String node;

    /** The first topic level of every topic. */
    private String prefix = "microevents";

    /** Local events published to the broker: event names or * globs (e.g. sensor, alarm-*). */
    private List<String> publish = new ArrayList<>();

    /** Events from other nodes that are triggered here: event names or * globs. */
    private List<String> subscribe = new ArrayList<>();

    /** QoS of published events and of the subscriptions: 0 (at most once), 1 (at least once) or 2. */
    private int qos = 1;

    /** The MQTT protocol version: 5 (no-local subscriptions, user properties) or 3.1.1 for older brokers. */
    private ProtocolVersion protocolVersion = ProtocolVersion.MQTT_5;

    /** The MQTT client id; defaults to microevents-{node}. Two connections with one id take each other's place. */
    private String clientId;

    /** User name for the broker. */
    private String username;

    /** Password for the broker; never logged. */
    private String password;

    /** Largest inbound payload in bytes; a bigger one is counted as oversized and skipped. */
    private int maxPayloadBytes = 65_536;

    /** How many recent message ids are remembered to drop QoS 1 duplicates. */
    private int dedupIds = 4096;

    /** Keep-alive interval of the connection. */
    private Duration keepAlive = Duration.ofSeconds(30);

    /** Outbound events kept while the broker is unreachable. */
    private final Buffer buffer = new Buffer();

    /** Reconnect backoff. */
    private final Reconnect reconnect = new Reconnect();

    /** TLS settings (with an ssl:// url). */
    private final Tls tls = new Tls();

    /** The embedded broker, used when no url is set. */
    private final Embedded embedded = new Embedded();

    /** MQTT protocol versions. */
    public enum ProtocolVersion {
        /** MQTT 5. */
        MQTT_5,
        /** MQTT 3.1.1. */
        MQTT_3_1_1
    }

    /** Outbound events kept while disconnected. */
    @ConfigurationPropertiesSource
    public static class Buffer {

        /** Most events kept; past it they are dropped and counted (buffer-full). */
        private int maxEvents = 10_000;

        /** Most payload bytes kept; past it events are dropped and counted (buffer-full). */
        private long maxBytes = 8L * 1024 * 1024;

        public int getMaxEvents() {
            return maxEvents;
        }

        public void setMaxEvents(int maxEvents) {
            this.maxEvents = maxEvents;
        }

        public long getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
        }
    }

    /** Reconnect backoff: doubles from the initial delay up to the max. */
    @ConfigurationPropertiesSource
    public static class Reconnect {

        /** Delay before the first reconnect attempt. */
        private Duration initialDelay = Duration.ofMillis(500);

        /** Longest delay between two attempts. */
        private Duration maxDelay = Duration.ofSeconds(30);

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /** TLS: the broker's certificate is checked against the trust store; a key store holds the client certificate. */
    @ConfigurationPropertiesSource
    public static class Tls {

        /** Trust store file with the broker's CA (PKCS12 or JKS); unset: the JDK's trusted CAs. */
        private String trustStore;

        /** Password of the trust store; never logged. */
        private String trustStorePassword;

        /** Type of the trust store. */
        private String trustStoreType = "PKCS12";

        /** Key store file with the client certificate and its key, for brokers that require one. */
        private String keyStore;

        /** Password of the key store (and of its key); never logged. */
        private String keyStorePassword;

        /** Type of the key store. */
        private String keyStoreType = "PKCS12";

        /** Whether the broker's host name must match its certificate. */
        private boolean verifyHostname = true;

        public String getTrustStore() {
            return trustStore;
        }

        public void setTrustStore(String trustStore) {
            this.trustStore = trustStore;
        }

        public String getTrustStorePassword() {
            return trustStorePassword;
        }

        public void setTrustStorePassword(String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
        }

        public String getTrustStoreType() {
            return trustStoreType;
        }

        public void setTrustStoreType(String trustStoreType) {
            this.trustStoreType = trustStoreType;
        }

        public String getKeyStore() {
            return keyStore;
        }

        public void setKeyStore(String keyStore) {
            this.keyStore = keyStore;
        }

        public String getKeyStorePassword() {
            return keyStorePassword;
        }

        public void setKeyStorePassword(String keyStorePassword) {
            this.keyStorePassword = keyStorePassword;
        }

        public String getKeyStoreType() {
            return keyStoreType;
        }

        public void setKeyStoreType(String keyStoreType) {
            this.keyStoreType = keyStoreType;
        }

        public boolean isVerifyHostname() {
            return verifyHostname;
        }

        public void setVerifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
        }
    }

    /** The embedded broker (Moquette), bound to 127.0.0.1 only. */
    @ConfigurationPropertiesSource
    public static class Embedded {

        /** Port of the embedded broker; 0 picks a free one. */
        private int port = 1883;

        /** Most messages the embedded broker queues per client session. */
        private int sessionQueueSize = 16_384;

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public int getSessionQueueSize() {
            return sessionQueueSize;
        }

        public void setSessionQueueSize(int sessionQueueSize) {
            this.sessionQueueSize = sessionQueueSize;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public List<String> getPublish() {
        return publish;
    }

    public void setPublish(List<String> publish) {
        this.publish = publish;
    }

    public List<String> getSubscribe() {
        return subscribe;
    }

    public void setSubscribe(List<String> subscribe) {
        this.subscribe = subscribe;
    }

    public int getQos() {
        return qos;
    }

    public void setQos(int qos) {
        this.qos = qos;
    }

    public ProtocolVersion getProtocolVersion() {
        return protocolVersion;
    }

    public void setProtocolVersion(ProtocolVersion protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    public void setMaxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public int getDedupIds() {
        return dedupIds;
    }

    public void setDedupIds(int dedupIds) {
        this.dedupIds = dedupIds;
    }

    public Duration getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    public Buffer getBuffer() {
        return buffer;
    }

    public Reconnect getReconnect() {
        return reconnect;
    }

    public Tls getTls() {
        return tls;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    @Override
    public String toString() {
        // no credentials here: this may end up in a log
        return "MqttProperties[url=" + url + ", node=" + node + ", prefix=" + prefix + ", publish=" + publish
                + ", subscribe=" + subscribe + ", qos=" + qos + ", protocolVersion=" + protocolVersion + "]";
    }
}
