/**
 * Platform-neutral IPC API, plain Java with no Spring: endpoint names of every kind, the
 * platform and its per-kind factories, pipe servers, clients and connections, mailslot
 * readers and writers, shared-memory regions, named mutexes, semaphores and events, peer
 * identities, the back-off policy and the exceptions.
 */
@NullMarked
package dev.winipc.transport;

import org.jspecify.annotations.NullMarked;
