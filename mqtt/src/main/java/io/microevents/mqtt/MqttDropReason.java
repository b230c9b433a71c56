package io.microevents.mqtt;

/** Why the MQTT bridge dropped an event or a message; each is counted in {@link MqttStatus#drops()}. */
public enum MqttDropReason {
    /** Outbound: the broker was unreachable and the buffer was full (in count or bytes). */
    BUFFER_FULL,
    /** Outbound: the client could not publish it (the connection ended while it was in flight). */
    PUBLISH_FAILED,
    /** Outbound: the event's name cannot be a topic level ({@code +}, {@code #}, NUL, a leading {@code $}). */
    INVALID_NAME,
    /** Inbound: the payload is larger than {@code microevents.mqtt.max-payload-bytes}. */
    OVERSIZED,
    /** Inbound: the payload is not JSON. */
    MALFORMED,
    /** Inbound: JSON, but not {@code {"args":[...]}} with scalar values and string ids. */
    WRONG_SHAPE,
    /** Inbound: the event is not in {@code microevents.mqtt.subscribe}, or the topic is not an event topic. */
    NOT_SUBSCRIBED,
    /** Inbound: no task on this node listens for the event. */
    NO_LISTENER,
    /** Inbound: a listener's queue of triggers was full. */
    QUEUE_FULL,
    /** Inbound: the message came from this node (loop prevention). */
    OWN_ORIGIN,
    /** Inbound: a message id seen shortly before (a QoS 1 duplicate). */
    DUPLICATE
}
