/**
 * Spring Integration support shared by every winipc transport: message headers and
 * payload representation.
 */
@NullMarked
package dev.winipc.integration;

import org.jspecify.annotations.NullMarked;
