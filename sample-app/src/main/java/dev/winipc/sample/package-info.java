/**
 * The HelloWorld sample: a Spring Boot app answering a native client over a named pipe.
 */
@NullMarked
package dev.winipc.sample;

import org.jspecify.annotations.NullMarked;
