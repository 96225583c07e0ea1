/**
 * Win32 backend: named pipes and mailslots through winipc's own {@code Win32} binding, with overlapped I/O
 * and SDDL security.
 */
@NullMarked
package dev.winipc.windows;

import org.jspecify.annotations.NullMarked;
