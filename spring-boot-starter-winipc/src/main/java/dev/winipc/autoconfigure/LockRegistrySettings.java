package dev.winipc.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;

import dev.winipc.integration.sync.MutexLockRegistry;
import dev.winipc.transport.InvalidOptionException;

/**
 * Maps {@code winipc.locks.*} onto the {@link MutexLockRegistry}, whose constructor and
 * setters check every value: once at start-up to report what is invalid with every other
 * error, once more to build the bean.
 *
 * @since 0.1.0
 */
final class LockRegistrySettings {

	/** The properties' prefix. */
	static final String PREFIX = WinIpcProperties.PREFIX + ".locks";

	private LockRegistrySettings() {
	}

	/**
	 * Build the registry the settings describe.
	 * @param locks the settings
	 * @param errors where to record what is invalid
	 * @return the registry, or {@code null} if its name prefix is invalid
	 */
	static @Nullable MutexLockRegistry registry(LockProperties locks, ConfigurationErrors errors) {
		MutexLockRegistry registry;
		try {
			registry = new MutexLockRegistry(locks.getNamePrefix());
		}
		catch (InvalidOptionException ex) {
			errors.reject(PREFIX + ".name-prefix", locks.getNamePrefix(), ex.getRequirement());
			return null;
		}
		PropertyMapper map = PropertyMapper.get();
		map.from(locks::getAcquireTimeout).to(errors.guard(PREFIX + ".acquire-timeout", registry::setAcquireTimeout));
		map.from(locks::getAccess).to(errors.guard(PREFIX + ".access", registry::setAccess));
		return registry;
	}

}
