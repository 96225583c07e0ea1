/**
 * Spring Boot auto-configuration turning {@code winipc.*} properties into winipc endpoints and their channels.
 */
@NullMarked
package dev.winipc.autoconfigure;

import org.jspecify.annotations.NullMarked;
