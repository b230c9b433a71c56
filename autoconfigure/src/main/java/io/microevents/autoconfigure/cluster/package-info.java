/**
 * {@code @Repeat(singleton = true)}: periodic methods that run on one instance of a cluster at a
 * time, guarded by a ShedLock lock that the instances share. The lock store is called off the
 * scheduler's loop thread; the method itself runs as a run of its task on the loop.
 */
package io.microevents.autoconfigure.cluster;
