"""A plain AF_UNIX stream client for byte framings.

    raw_peer.py PATH HEX EXPECTED [--shutdown]

Sends the bytes HEX (hex-encoded; @FILE reads the hex from FILE), optionally shuts its
sending side down, then reads until EXPECTED bytes arrived or the server closed, and
prints "recv <hex>".
"""
import socket
import sys

path, expected = sys.argv[1], int(sys.argv[3])
if sys.argv[2].startswith("@"):
    with open(sys.argv[2][1:]) as hex_file:
        payload = bytes.fromhex(hex_file.read().strip())
else:
    payload = bytes.fromhex(sys.argv[2])
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
