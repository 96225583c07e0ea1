/**
 * Shared-memory layouts on top of a {@link dev.winipc.transport.SharedRegion}, plain Java
 * and platform-neutral: the many-to-one message ring (byte-compatible with Agrona's
 * {@code ManyToOneRingBuffer}), the plain region and the seqlock region, the readers'
 * idle strategies, and their settings.
 */
@NullMarked
package dev.winipc.shm;

import org.jspecify.annotations.NullMarked;
