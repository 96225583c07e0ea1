/**
 * Mailslot channel adapters: one reader per slot, any number of writers.
 */
@NullMarked
package dev.winipc.integration.mailslot;

import org.jspecify.annotations.NullMarked;
