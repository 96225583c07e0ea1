"""A Python mailslot writer for winipc's tests: each argument is sent as one datagram to
the mailslot's socket, as any Python program can (see docs/wire-format.md).

    python3 mailslot_writer.py PATH MSG...     prints "sent N", or "refused <ERRNO>" and exits 3
"""
import errno
import socket
import sys


def main():
    path, messages = sys.argv[1], sys.argv[2:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as slot:
        for message in messages:
            try:
                slot.sendto(message.encode("utf-8"), path)
            except OSError as error:
                print("refused " + errno.errorcode.get(error.errno, str(error.errno)), flush=True)
                sys.exit(3)
    print("sent %d" % len(messages), flush=True)


if __name__ == "__main__":
    main()
