package dev.winipc.transport;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * An operating-system failure on an IPC endpoint, carrying the endpoint, the failed
 * call and the OS's own error code and name, e.g.
 * {@code CreateNamedPipe(\\.\pipe\orders) failed: ERROR_ACCESS_DENIED (5)}.
 *
 * @since 0.1.0
 */
public class IpcException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String endpoint;

	private final String operation;

	private final @Nullable String errorName;

	private final int errorCode;

	/**
	 * Create an exception for a failed OS call.
	 * @param operation the call that failed, e.g. {@code CreateNamedPipe}
	 * @param endpoint the OS path of the endpoint, e.g. {@code \\.\pipe\orders}
	 * @param errorName the OS's symbolic name of the error, e.g.
	 * {@code ERROR_ACCESS_DENIED}, or {@code null} if it has none
	 * @param errorCode the OS's error code, or {@code -1} if it is not known
	 * @param detail the OS's text or a further explanation, or {@code null}
	 * @param cause the underlying exception, or {@code null}
	 */
	public IpcException(String operation, String endpoint, @Nullable String errorName, int errorCode,
			@Nullable String detail, @Nullable Throwable cause) {
		super(format(operation, endpoint, errorName, errorCode, detail), cause);
		this.operation = operation;
		this.endpoint = endpoint;
		this.errorName = errorName;
		this.errorCode = errorCode;
	}

	/**
	 * Create an exception that is not an OS error code, such as a protocol violation.
	 * @param operation what was being done
	 * @param endpoint the OS path of the endpoint
	 * @param detail what went wrong
	 */
	public IpcException(String operation, String endpoint, String detail) {
		this(operation, endpoint, null, -1, detail, null);
	}

	private static String format(String operation, String endpoint, @Nullable String errorName, int errorCode,
			@Nullable String detail) {
		StringBuilder text = new StringBuilder(operation).append('(').append(endpoint).append(") failed");
		if (errorName != null || errorCode >= 0) {
			text.append(": ").append((errorName != null) ? errorName : "error");
			if (errorCode >= 0) {
				text.append(" (").append(errorCode).append(')');
			}
		}
		if (detail != null && !detail.isEmpty()) {
			text.append((errorName != null || errorCode >= 0) ? " " : ": ").append(detail);
		}
		return text.toString();
	}

	/**
	 * Return the OS path of the endpoint.
	 * @return the endpoint
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the call that failed.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Return the OS's symbolic name of the error.
	 * @return the name, or {@code null}
	 */
	public @Nullable String getErrorName() {
		return this.errorName;
	}

	/**
	 * Return the OS's error code.
	 * @return the code, or {@code -1} if not known
	 */
	public int getErrorCode() {
		return this.errorCode;
	}

}
