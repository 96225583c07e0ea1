/**
 * The POSIX backend: pipes as Unix domain sockets at .NET's {@code CoreFxPipe_} paths,
 * with peer credentials from {@code SO_PEERCRED}.
 */
@NullMarked
package dev.winipc.posix;

import org.jspecify.annotations.NullMarked;
