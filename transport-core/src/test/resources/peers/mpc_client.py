"""Python multiprocessing.connection Client (no authkey).

    mpc_client.py ADDRESS MSG...            send each MSG, print "reply: <reply>" for each
    mpc_client.py ADDRESS --send-only MSG...  send each MSG, expect no reply
"""
import sys
from multiprocessing.connection import Client

address, messages = sys.argv[1], sys.argv[2:]
send_only = bool(messages) and messages[0] == "--send-only"
if send_only:
    messages = messages[1:]
# \\.\pipe\NAME on Windows (a message-mode pipe), a Unix socket path elsewhere
family = "AF_PIPE" if address.startswith("\\\\") else "AF_UNIX"
with Client(address, family=family) as connection:
    for message in messages:
        connection.send_bytes(message.encode("utf-8"))
        if not send_only:
            print("reply: " + connection.recv_bytes().decode("utf-8"), flush=True)
print("sent %d" % len(messages), flush=True)
