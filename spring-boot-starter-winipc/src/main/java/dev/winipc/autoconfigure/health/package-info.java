/**
 * The {@code winipc} Actuator health contributor: one component per winipc endpoint.
 */
@NullMarked
package dev.winipc.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
