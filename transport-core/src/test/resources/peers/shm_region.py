"""A Python peer of a winipc region: multiprocessing.shared_memory.SharedMemory.

    shm_region.py read NAME TEXT     attach, wait until the region holds TEXT (UTF-16LE,
                                     NUL-terminated), print "read: TEXT"
    shm_region.py write NAME TEXT    attach, write TEXT (UTF-16LE, NUL-terminated), print
                                     "written"
    shm_region.py tracked NAME       attach as a naive peer does, and exit: the pitfall

Python 3.12 and older register every SharedMemory, even one merely attached to, with
the resource tracker, which unlinks it when the process exits: the segment winipc
created would be gone. Python 3.13 has track=False; before that the peer unregisters
the segment itself, as docs/shared-memory.md shows.
"""
import sys
import time
from multiprocessing import resource_tracker, shared_memory


def attach(name):
    deadline = time.monotonic() + 30
    while True:
        try:
            if sys.version_info >= (3, 13):
                return shared_memory.SharedMemory(name=name, track=False)
            segment = shared_memory.SharedMemory(name=name)
            resource_tracker.unregister(segment._name, "shared_memory")
            return segment
        except FileNotFoundError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def main():
    command, name = sys.argv[1], sys.argv[2]
    if command == "tracked":
        shared_memory.SharedMemory(name=name).close()
        print("attached")
        return
    text = sys.argv[3]
    segment = attach(name)
    encoded = text.encode("utf-16-le") + b"\0\0"
    try:
        if command == "write":
            segment.buf[:len(encoded)] = encoded
            segment.buf[len(encoded):] = bytes(segment.size - len(encoded))
            print("written")
        else:
            deadline = time.monotonic() + 30
            while bytes(segment.buf[:len(encoded)]) != encoded:
                if time.monotonic() > deadline:
                    sys.exit("the region never held " + text)
                time.sleep(0.01)
            print("read: " + text)
    finally:
        segment.close()


if __name__ == "__main__":
    main()
