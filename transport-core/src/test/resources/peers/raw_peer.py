"""A plain AF_UNIX stream client for byte framings.

    raw_peer.py PATH HEX EXPECTED [--shutdown]

Sends the bytes HEX (hex-encoded), optionally shuts its sending side down, then reads
until EXPECTED bytes arrived or the server closed, and prints "recv <hex>".
"""
import socket
import sys

path, payload, expected = sys.argv[1], bytes.fromhex(sys.argv[2]), int(sys.argv[3])
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
    sock.connect(path)
    sock.sendall(payload)
    if "--shutdown" in sys.argv[4:]:
        sock.shutdown(socket.SHUT_WR)
    received = b""
    while len(received) < expected:
        chunk = sock.recv(65536)
        if not chunk:
            break
        received += chunk
print("recv " + received.hex(), flush=True)
