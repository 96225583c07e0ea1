package dev.winipc.testing;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects what a class logs, so a test can check that an error was reported.
 */
public final class LogCapture implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	/**
	 * Start collecting the log events of a class.
	 * @param type the class whose logger to watch
	 */
	public LogCapture(Class<?> type) {
		this(type.getName());
	}

	/**
	 * Start collecting the log events of a class this package cannot see, such as a
	 * backend's own.
	 * @param loggerName the class's name, e.g. {@code dev.winipc.posix.PosixPipeServer}
	 */
	public LogCapture(String loggerName) {
		this.logger = (Logger) LoggerFactory.getLogger(loggerName);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/** @return the messages logged at ERROR so far */
	public List<String> errors() {
		return this.appender.list.stream()
			.filter(event -> event.getLevel() == Level.ERROR)
			.map(ILoggingEvent::getFormattedMessage)
			.collect(Collectors.toList());
	}

	/** @return the messages logged at WARN so far */
	public List<String> warnings() {
		return this.appender.list.stream()
			.filter(event -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.collect(Collectors.toList());
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
	}

}
