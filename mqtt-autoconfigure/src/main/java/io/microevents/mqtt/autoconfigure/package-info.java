/** Spring Boot auto-configuration of the MQTT bridge. */
package io.microevents.mqtt.autoconfigure;
