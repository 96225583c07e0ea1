/**
 * Spring Integration support shared by every winipc transport: the message mapper and
 * headers, message origins, connection events, the JVM keep-alive and payload types, and
 * what operators see of every endpoint: its id, state, meters and error messages.
 */
@NullMarked
package dev.winipc.integration;

import org.jspecify.annotations.NullMarked;
