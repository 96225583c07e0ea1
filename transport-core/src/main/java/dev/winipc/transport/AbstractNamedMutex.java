package dev.winipc.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * What both backends' {@link NamedMutex} share: which thread of this process holds the
 * mutex and how often. Threads of this process wait for each other here, and only the
 * holding thread's first hold takes the OS mutex ({@link #acquireInOs}), its last
 * release gives it back ({@link #releaseInOs}); so the OS sees one holder per handle,
 * whichever thread that is, and the backend is free to run its calls where its OS wants
 * them (a Win32 mutex on a thread of its own).
 *
 * @since 0.1.0
 */
public abstract class AbstractNamedMutex extends AbstractSyncObject implements NamedMutex {

	private static final Logger logger = System.getLogger(AbstractNamedMutex.class.getName());

	private final String acquireCall;

	private final String releaseCall;

	private final ReentrantLock state = new ReentrantLock();

	private final Condition free = this.state.newCondition();

	private @Nullable Thread owner;

	private int holds;

	private boolean heldInOs;

	/**
	 * Create the mutex.
	 * @param options the settings it was opened with
	 * @param osName the OS's name of it
	 * @param created whether this process created it
	 * @param acquireCall the OS call that waits for it, for messages
	 * @param releaseCall the OS call that releases it, for messages
	 */
	protected AbstractNamedMutex(SyncOptions options, String osName, boolean created, String acquireCall,
			String releaseCall) {
		super(options, osName, created);
		this.acquireCall = acquireCall;
		this.releaseCall = releaseCall;
	}

	@Override
	public final MutexAcquisition acquire(Duration timeout) throws IOException {
		return acquire(WaitDeadline.after(timeout));
	}

	@Override
	public final MutexAcquisition acquire() throws IOException {
		return acquire(WaitDeadline.forever());
	}

	private MutexAcquisition acquire(WaitDeadline deadline) throws IOException {
		Thread me = Thread.currentThread();
		this.state.lock();
		try {
			if (isClosed()) {
				throw closedException(this.acquireCall);
			}
			if (this.owner == me) {
				this.holds++;
				return MutexAcquisition.ACQUIRED;
			}
			while (this.owner != null) {
				if (deadline.hasPassed()) {
					return MutexAcquisition.TIMED_OUT;
				}
				try {
					this.free.await(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					me.interrupt();
					throw new InterruptedIOException(this.acquireCall + "(" + osName() + ") was interrupted");
				}
				if (isClosed()) {
					throw closedException(this.acquireCall);
				}
			}
			this.owner = me;
			this.holds = 1;
		}
		finally {
			this.state.unlock();
		}
		MutexAcquisition result = MutexAcquisition.TIMED_OUT;
		try {
			enter(this.acquireCall);
			try {
				result = acquireInOs(deadline);
				if (result.isAcquired()) {
					markHeldInOs(true);
				}
			}
			finally {
				exit();
			}
			return result;
		}
		finally {
			if (!result.isAcquired()) {
				giveUp();
			}
		}
	}

	@Override
	public final void release() throws IOException {
		this.state.lock();
		try {
			if (this.owner != Thread.currentThread()) {
				throw new IllegalMonitorStateException("The " + options().name().kind().description() + " " + osName()
						+ " is not held by this thread");
			}
			if (this.holds > 1 && !isClosed()) {
				this.holds--;
				return;
			}
		}
		finally {
			this.state.unlock();
		}
		try {
			enter(this.releaseCall);
			try {
				releaseInOs();
			}
			finally {
				markHeldInOs(false);
				exit();
			}
		}
		finally {
			giveUp();
		}
	}

	@Override
	public final boolean isHeldByCurrentThread() {
		return holdCount() > 0;
	}

	@Override
	public final int holdCount() {
		this.state.lock();
		try {
			return (this.owner == Thread.currentThread() && !isClosed()) ? this.holds : 0;
		}
		finally {
			this.state.unlock();
		}
	}

	private void markHeldInOs(boolean held) {
		this.state.lock();
		try {
			this.heldInOs = held;
		}
		finally {
			this.state.unlock();
		}
	}

	private void giveUp() {
		this.state.lock();
		try {
			this.owner = null;
			this.holds = 0;
			this.free.signal();
		}
		finally {
			this.state.unlock();
		}
	}

	@Override
	protected final void wake() {
		this.state.lock();
		try {
			this.free.signalAll();
		}
		finally {
			this.state.unlock();
		}
		wakeInOs();
	}

	/** Release the OS mutex if this handle holds it (a graceful close is no abandonment), then close. */
	@Override
	protected final void closeHandles() {
		boolean held;
		this.state.lock();
		try {
			held = this.heldInOs;
			this.heldInOs = false;
		}
		finally {
			this.state.unlock();
		}
		if (held) {
			try {
				releaseInOs();
			}
			catch (IOException ex) {
				logger.log(Level.WARNING, () -> "Releasing " + osName() + " on close failed: " + ex.getMessage());
			}
		}
		closeInOs();
	}

	/**
	 * Take the OS mutex; only one thread of this handle calls it at a time.
	 * @param deadline when to give up
	 * @return acquired, abandoned or timed out
	 * @throws InterruptedIOException if the thread is interrupted
	 * @throws IpcException if the OS refuses, or the handle is closed meanwhile
	 * @throws IOException on other I/O failures
	 */
	protected abstract MutexAcquisition acquireInOs(WaitDeadline deadline) throws IOException;

	/**
	 * Give the OS mutex back.
	 * @throws IpcException if the OS refuses
	 */
	protected abstract void releaseInOs() throws IOException;

	/**
	 * Wake a wait in {@link #acquireInOs} at once, where the OS can; called once, by
	 * {@link #close()}.
	 */
	protected void wakeInOs() {
	}

	/**
	 * Close the OS handles; called once, with no call in progress and the mutex released.
	 */
	protected abstract void closeInOs();

}
