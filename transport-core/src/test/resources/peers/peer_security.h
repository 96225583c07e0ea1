/*
 * The security attributes the native Windows test peers (shm_peer.c, sync_peer.c) create
 * their named objects with, as winipc does by default: owned by the process's user, who
 * alone has access (SDDL O:<sid>D:P(A;;GA;;;<sid>)). A peer that cannot build them prints
 * why and exits 2.
 */
#ifndef PEER_SECURITY_H
#define PEER_SECURITY_H

#ifdef _WIN32
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <sddl.h>

static SECURITY_ATTRIBUTES *current_user_only(SECURITY_ATTRIBUTES *attributes) {
	HANDLE token;
	unsigned char user[256];
	DWORD length;
	LPSTR sid;
	char sddl[512];
	PSECURITY_DESCRIPTOR descriptor;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)
			|| !GetTokenInformation(token, TokenUser, user, sizeof user, &length)
			|| !ConvertSidToStringSidA(((TOKEN_USER *) user)->User.Sid, &sid)) {
		fprintf(stderr, "peer: cannot read the current user\n");
		exit(2);
	}
	snprintf(sddl, sizeof sddl, "O:%sD:P(A;;GA;;;%s)", sid, sid);
	if (!ConvertStringSecurityDescriptorToSecurityDescriptorA(sddl, SDDL_REVISION_1, &descriptor, NULL)) {
		fprintf(stderr, "peer: cannot build the security descriptor\n");
		exit(2);
	}
	attributes->nLength = sizeof *attributes;
	attributes->lpSecurityDescriptor = descriptor;
	attributes->bInheritHandle = FALSE;
	return attributes;
}
#endif

#endif
