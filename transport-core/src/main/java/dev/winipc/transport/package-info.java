/**
 * Platform-neutral IPC API: pipe servers, clients and connections, endpoint names and
 * the platform that implements them.
 */
@NullMarked
package dev.winipc.transport;

import org.jspecify.annotations.NullMarked;
