/**
 * Named-pipe channel adapters and gateways, in the server or the client role.
 */
@NullMarked
package dev.winipc.integration.pipe;

import org.jspecify.annotations.NullMarked;
