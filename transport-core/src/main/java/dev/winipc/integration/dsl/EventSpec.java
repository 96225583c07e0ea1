package dev.winipc.integration.dsl;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.SyncOptions;

/**
 * Fluent settings of a named event, for {@link WinIpc}'s event adapters. Each method sets
 * one value of a {@link SyncOptions.Builder}, which checks it.
 *
 * @since 0.1.0
 */
public class EventSpec {

	private final SyncOptions.Builder options;

	EventSpec(String name) {
		this.options = SyncOptions.event(name);
	}

	/**
	 * @param manualReset whether the event stays set until reset; default {@code false}
	 * @return this spec
	 * @see SyncOptions.Builder#manualReset
	 */
	public EventSpec manualReset(boolean manualReset) {
		this.options.manualReset(manualReset);
		return this;
	}

	/**
	 * @param initialState whether an event this endpoint creates starts set; default
	 * {@code false}
	 * @return this spec
	 * @see SyncOptions.Builder#initialState
	 */
	public EventSpec initialState(boolean initialState) {
		this.options.initialState(initialState);
		return this;
	}

	/**
	 * @param create whether a missing event is created; default {@code true}
	 * @return this spec
	 * @see SyncOptions.Builder#create
	 */
	public EventSpec create(boolean create) {
		this.options.create(create);
		return this;
	}

	/**
	 * @param access {@code current-user} (default), an SDDL string or an octal file mode
	 * @return this spec
	 * @see SyncOptions.Builder#access
	 */
	public EventSpec access(@Nullable String access) {
		this.options.access(access);
		return this;
	}

	/**
	 * Return the settings as they stand.
	 * @return the options
	 * @see SyncOptions.Builder#build
	 */
	public SyncOptions options() {
		return this.options.build();
	}

}
