/**
 * Events across hosts over an MQTT broker: {@link io.microevents.mqtt.MqttBridge}, the
 * {@link io.microevents.mqtt.EmbeddedBroker} used when none is configured, and their status.
 */
package io.microevents.mqtt;
