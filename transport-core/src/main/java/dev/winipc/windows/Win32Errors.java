package dev.winipc.windows;

import java.util.Map;

import com.sun.jna.platform.win32.WinError;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;

/**
 * The symbolic names of the Win32 error codes winipc meets, so that a failure reads
 * {@code CreateNamedPipe(\\.\pipe\orders) failed: ERROR_ACCESS_DENIED (5)}.
 */
final class Win32Errors {

	private static final Map<Integer, String> NAMES = Map.ofEntries(
			name(WinError.ERROR_INVALID_FUNCTION, "ERROR_INVALID_FUNCTION"),
			name(WinError.ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND"),
			name(WinError.ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND"),
			name(WinError.ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED"),
			name(WinError.ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE"),
			name(WinError.ERROR_NOT_ENOUGH_MEMORY, "ERROR_NOT_ENOUGH_MEMORY"),
			name(WinError.ERROR_OUTOFMEMORY, "ERROR_OUTOFMEMORY"),
			name(WinError.ERROR_GEN_FAILURE, "ERROR_GEN_FAILURE"),
			name(WinError.ERROR_SHARING_VIOLATION, "ERROR_SHARING_VIOLATION"),
			name(WinError.ERROR_NOT_SUPPORTED, "ERROR_NOT_SUPPORTED"),
			name(WinError.ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER"),
			name(WinError.ERROR_BROKEN_PIPE, "ERROR_BROKEN_PIPE"),
			name(WinError.ERROR_CALL_NOT_IMPLEMENTED, "ERROR_CALL_NOT_IMPLEMENTED"),
			name(WinError.ERROR_SEM_TIMEOUT, "ERROR_SEM_TIMEOUT"),
			name(WinError.ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER"),
			name(WinError.ERROR_INVALID_NAME, "ERROR_INVALID_NAME"),
			name(WinError.ERROR_BAD_PATHNAME, "ERROR_BAD_PATHNAME"),
			name(WinError.ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS"),
			name(WinError.ERROR_BAD_PIPE, "ERROR_BAD_PIPE"),
			name(WinError.ERROR_PIPE_BUSY, "ERROR_PIPE_BUSY"),
			name(WinError.ERROR_NO_DATA, "ERROR_NO_DATA"),
			name(WinError.ERROR_PIPE_NOT_CONNECTED, "ERROR_PIPE_NOT_CONNECTED"),
			name(WinError.ERROR_MORE_DATA, "ERROR_MORE_DATA"),
			name(WinError.WAIT_TIMEOUT, "WAIT_TIMEOUT"),
			name(WinError.ERROR_PIPE_CONNECTED, "ERROR_PIPE_CONNECTED"),
			name(WinError.ERROR_NOT_OWNER, "ERROR_NOT_OWNER"),
			name(WinError.ERROR_TOO_MANY_POSTS, "ERROR_TOO_MANY_POSTS"),
			name(WinError.ERROR_PIPE_LISTENING, "ERROR_PIPE_LISTENING"),
			name(WinError.ERROR_OPERATION_ABORTED, "ERROR_OPERATION_ABORTED"),
			name(WinError.ERROR_IO_INCOMPLETE, "ERROR_IO_INCOMPLETE"),
			name(WinError.ERROR_IO_PENDING, "ERROR_IO_PENDING"),
			name(WinError.ERROR_NO_TOKEN, "ERROR_NO_TOKEN"),
			name(WinError.ERROR_NOT_FOUND, "ERROR_NOT_FOUND"),
			name(WinError.ERROR_INVALID_OWNER, "ERROR_INVALID_OWNER"),
			name(WinError.ERROR_NONE_MAPPED, "ERROR_NONE_MAPPED"),
			name(WinError.ERROR_INVALID_ACL, "ERROR_INVALID_ACL"),
			name(WinError.ERROR_INVALID_SID, "ERROR_INVALID_SID"),
			name(WinError.ERROR_INVALID_SECURITY_DESCR, "ERROR_INVALID_SECURITY_DESCR"),
			name(WinError.ERROR_BAD_IMPERSONATION_LEVEL, "ERROR_BAD_IMPERSONATION_LEVEL"),
			name(WinError.ERROR_CANT_OPEN_ANONYMOUS, "ERROR_CANT_OPEN_ANONYMOUS"),
			name(WinError.ERROR_NO_SYSTEM_RESOURCES, "ERROR_NO_SYSTEM_RESOURCES"),
			name(WinError.ERROR_TIMEOUT, "ERROR_TIMEOUT"));

	private Win32Errors() {
	}

	/**
	 * Return the symbolic name of a Win32 error code.
	 * @param code the error code
	 * @return the name, e.g. {@code ERROR_ACCESS_DENIED}, or {@code null} for a code
	 * outside the table
	 */
	static @Nullable String nameOf(int code) {
		return NAMES.get(code);
	}

	/**
	 * Describe an error code for a log line.
	 * @param code the error code
	 * @return e.g. {@code ERROR_BROKEN_PIPE (109)}
	 */
	static String describe(int code) {
		String name = nameOf(code);
		return ((name != null) ? name : "error") + " (" + code + ")";
	}

	/**
	 * Create the exception for a failed Win32 call.
	 * @param operation the function, without its {@code W} suffix, e.g. {@code CreateNamedPipe}
	 * @param path the object's path, e.g. {@code \\.\pipe\orders}
	 * @param code the Win32 error code
	 * @param detail a further explanation, or {@code null}
	 * @return the exception
	 */
	static IpcException failure(String operation, String path, int code, @Nullable String detail) {
		return new IpcException(operation, path, nameOf(code), code, detail, null);
	}

	/**
	 * Create the exception for a failed Win32 call, without further explanation.
	 * @param operation the function, without its {@code W} suffix
	 * @param path the object's path
	 * @param code the Win32 error code
	 * @return the exception
	 */
	static IpcException failure(String operation, String path, int code) {
		return failure(operation, path, code, null);
	}

	private static Map.Entry<Integer, String> name(int code, String name) {
		return Map.entry(code, name);
	}

}
