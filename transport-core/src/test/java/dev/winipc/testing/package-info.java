/**
 * Test support: real peer processes (C, Python) and helpers shared by winipc's tests.
 */
@NullMarked
package dev.winipc.testing;

import org.jspecify.annotations.NullMarked;
