/**
 * The HelloWorld sample: a Spring Boot app answering a native client over a named pipe
 * and reading what a native writer sends to a mailslot.
 */
@NullMarked
package dev.winipc.sample;

import org.jspecify.annotations.NullMarked;
