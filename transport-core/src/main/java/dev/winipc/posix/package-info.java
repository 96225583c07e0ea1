/**
 * The POSIX backend, plain Java with no Spring: pipes as Unix domain sockets at .NET's
 * {@code CoreFxPipe_} paths, with peer credentials from {@code SO_PEERCRED}; mailslots as
 * Unix datagram sockets, senders told by {@code SCM_CREDENTIALS}; and the C library calls
 * it needs through JNA.
 */
@NullMarked
package dev.winipc.posix;

import org.jspecify.annotations.NullMarked;
