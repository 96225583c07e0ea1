/**
 * Named synchronization objects in Spring: a {@code LockRegistry} over named mutexes,
 * for locks and leader election among the processes of one machine, and a named event's
 * inbound and outbound channel adapters.
 */
@NullMarked
package dev.winipc.integration.sync;

import org.jspecify.annotations.NullMarked;
