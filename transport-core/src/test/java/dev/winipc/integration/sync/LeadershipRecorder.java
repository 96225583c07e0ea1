package dev.winipc.integration.sync;

import org.springframework.integration.leader.AbstractCandidate;
import org.springframework.integration.leader.Context;

/**
 * A leadership candidate that records its grants and whether it leads.
 */
final class LeadershipRecorder extends AbstractCandidate {

	volatile boolean leading;

	volatile int grants;

	LeadershipRecorder(String id, String role) {
		super(id, role);
	}

	@Override
	public void onGranted(Context ctx) {
		this.grants++;
		this.leading = true;
	}

	@Override
	public void onRevoked(Context ctx) {
		this.leading = false;
	}

}
