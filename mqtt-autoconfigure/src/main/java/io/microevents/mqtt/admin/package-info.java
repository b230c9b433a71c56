/** The MQTT connection in the REST admin. */
package io.microevents.mqtt.admin;
