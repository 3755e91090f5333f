#!/usr/bin/env python3
"""A stand-in for systemd's notification socket: binds a unix datagram socket at argv[1] and
writes every message it receives to argv[2], one line per message ("SECONDS MESSAGE", with
newlines inside a message shown as '|'), until it is killed."""
import os
import socket
import sys
import time

path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
t0 = time.monotonic()
with open(out, "w", buffering=1) as f:
    f.write("listening\n")
    while True:
        msg = s.recv(4096).decode("utf-8", "replace").replace("\n", "|")
        f.write(f"{time.monotonic() - t0:.3f} {msg}\n")
