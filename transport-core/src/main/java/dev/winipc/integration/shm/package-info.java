/**
 * Shared-memory channel adapters: a ring's reader and writers, a region's poller and
 * writer.
 */
@NullMarked
package dev.winipc.integration.shm;

import org.jspecify.annotations.NullMarked;
