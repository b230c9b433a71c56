/**
 * Events across hosts over an MQTT broker: {@link io.microevents.mqtt.MqttBridge}, the
 * {@link io.microevents.mqtt.EmbeddedBroker} used when none is configured, and their status. A
 * plain library (core, the HiveMQ client, {@code System.Logger}); its Spring Boot wiring is in the
 * {@code microevents-mqtt-spring-boot-autoconfigure} artifact.
 */
package io.microevents.mqtt;
