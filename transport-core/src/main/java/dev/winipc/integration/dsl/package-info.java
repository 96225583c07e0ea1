/**
 * Java DSL for winipc endpoints; the entry point is {@link dev.winipc.integration.dsl.WinIpc}.
 */
@NullMarked
package dev.winipc.integration.dsl;

import org.jspecify.annotations.NullMarked;
