"""Python multiprocessing.connection Client (no authkey): sends each argument as one
message with send_bytes and prints the reply received with recv_bytes."""
import sys
from multiprocessing.connection import Client

address, messages = sys.argv[1], sys.argv[2:]
with Client(address, family="AF_UNIX") as connection:
    for message in messages:
        connection.send_bytes(message.encode("utf-8"))
        print("reply: " + connection.recv_bytes().decode("utf-8"), flush=True)
