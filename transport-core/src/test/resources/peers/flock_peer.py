"""A Python peer of winipc's named mutex on POSIX: fcntl.flock on the lock file
$TMPDIR/winipc-mutex-NAME, with the holder's pid written into the file while it holds
the lock (docs/wire-format.md).

    flock_peer.py hold PATH   take the lock, print "held", release it when a line
                              "release" arrives on stdin, print "released"
    flock_peer.py try PATH    print "acquired" (and release) if the lock is free, else "busy"
"""
import fcntl
import os
import sys


def main():
    command, path = sys.argv[1], sys.argv[2]
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    if command == "try":
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("busy")
            return
        fcntl.flock(fd, fcntl.LOCK_UN)
        print("acquired")
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    print("held", flush=True)
    for line in sys.stdin:
        if line.strip() == "release":
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            print("released")
            return
    sys.exit("stdin ended before release")


if __name__ == "__main__":
    main()
