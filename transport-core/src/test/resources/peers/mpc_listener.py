"""Python multiprocessing.connection Listener (no authkey) serving one client.

    mpc_listener.py ADDRESS recv N   print "got: <msg>" for N messages
    mpc_listener.py ADDRESS echo N   answer N requests with "py:<msg>"
    mpc_listener.py ADDRESS push N   send "py-0".."py-N-1" to the client
    mpc_listener.py ADDRESS hold N   print "got: <msg>" for N messages, reply to none, wait for EOF
"""
import sys
from multiprocessing.connection import Listener

address, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
# \\.\pipe\NAME on Windows (a message-mode pipe), a Unix socket path elsewhere
family = "AF_PIPE" if address.startswith("\\\\") else "AF_UNIX"
with Listener(address, family=family) as listener:
    print("ready", flush=True)
    with listener.accept() as connection:
        for i in range(count):
            if mode == "push":
                connection.send_bytes(("py-%d" % i).encode("utf-8"))
                continue
            message = connection.recv_bytes().decode("utf-8")
            if mode in ("recv", "hold"):
                print("got: " + message, flush=True)
            else:
                connection.send_bytes(("py:" + message).encode("utf-8"))
        if mode in ("push", "hold"):
            # wait for the client to close, so nothing is cut off in flight
            try:
                connection.recv_bytes()
            except EOFError:
                pass
print("done", flush=True)
