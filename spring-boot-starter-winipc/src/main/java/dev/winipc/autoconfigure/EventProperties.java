package dev.winipc.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.winipc.integration.sync.EventAction;

/**
 * One named-event endpoint, {@code winipc.events.<id>.*}. The name is the event's:
 * 'Local\HelloWorldWritten' is that event on Windows and the semaphore
 * sem_open("/HelloWorldWritten"), the file /dev/shm/sem.HelloWorldWritten, on Linux.
 *
 * @since 0.1.0
 */
public class EventProperties extends EndpointProperties {

	/**
	 * Which way the endpoint works: inbound (a message each time the event is set, its
	 * payload the event's name) or outbound (each message sets, pulses or resets it).
	 */
	private @Nullable EventDirection direction;

	/**
	 * Whether the event stays set until reset (waking every waiter), rather than
	 * resetting as one wait sees it; must match how its creator made it.
	 */
	private boolean manualReset = false;

	/**
	 * Whether an event this endpoint creates starts set.
	 */
	private boolean initialState = false;

	/**
	 * Whether a missing event is created (create-or-open).
	 */
	private boolean create = true;

	/**
	 * Outbound only: what each message does to the event, set, pulse (not on POSIX) or
	 * reset; a message's winipc_eventAction header overrides it.
	 */
	private EventAction action = EventAction.SET;

	/**
	 * Inbound only: the Spring Integration leadership role the endpoint belongs to; it
	 * then runs only while a leader initiator grants this application the role, e.g.
	 * over winipc.locks.
	 */
	private @Nullable String leaderRole;

	public @Nullable EventDirection getDirection() {
		return this.direction;
	}

	public void setDirection(@Nullable EventDirection direction) {
		this.direction = direction;
	}

	public boolean isManualReset() {
		return this.manualReset;
	}

	public void setManualReset(boolean manualReset) {
		this.manualReset = manualReset;
	}

	public boolean isInitialState() {
		return this.initialState;
	}

	public void setInitialState(boolean initialState) {
		this.initialState = initialState;
	}

	public boolean isCreate() {
		return this.create;
	}

	public void setCreate(boolean create) {
		this.create = create;
	}

	public EventAction getAction() {
		return this.action;
	}

	public void setAction(EventAction action) {
		this.action = action;
	}

	public @Nullable String getLeaderRole() {
		return this.leaderRole;
	}

	public void setLeaderRole(@Nullable String leaderRole) {
		this.leaderRole = leaderRole;
	}

}
