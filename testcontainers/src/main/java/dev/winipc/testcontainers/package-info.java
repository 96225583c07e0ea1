/**
 * Test support: native peers in containers, wired to winipc endpoints of this machine,
 * built and run with Testcontainers.
 */
@NullMarked
package dev.winipc.testcontainers;

import org.jspecify.annotations.NullMarked;
