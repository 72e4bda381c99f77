#!/usr/bin/env python3
"""Upgrade-header variants: sends each variant N times to a real route and to a missing path,
counts the answers by status and how many set a session cookie, and with --pid how many servlet
sessions the server holds afterwards (jcmd GC.class_histogram, after a GC).

  python3 server/load/upgrade-headers.py --base http://127.0.0.1:7070 --requests 1000 [--pid PID]
"""
import argparse
import collections
import re
import socket
import subprocess
import sys
import urllib.parse

VARIANTS = {
    "Sec-WebSocket-Version: 13, no Upgrade": ["Sec-WebSocket-Version: 13"],
    "Upgrade: foo": ["Upgrade: foo", "Connection: Upgrade", "Sec-WebSocket-Version: 13"],
    "Upgrade: h2c": ["Upgrade: h2c", "Connection: Upgrade", "Sec-WebSocket-Version: 13"],
    "Sec-WebSocket-Version: 8": ["Sec-WebSocket-Version: 8", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="],
    "Upgrade: websocket": ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="],
}


def send(host, port, path, headers):
    with socket.create_connection((host, port), timeout=10) as s:
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close"] + headers
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin1")
    return int(head[9:12]), "\nset-cookie:" in head.lower()


def sessions(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True)
    histo = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True).stdout
    m = re.search(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+org\.eclipse\.jetty\.session\.ManagedSession\s*$", histo, re.M)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="http://127.0.0.1:7070")
    p.add_argument("--requests", type=int, default=1000, help="per variant and path")
    p.add_argument("--pid", type=int)
    a = p.parse_args()
    u = urllib.parse.urlparse(a.base)
    if a.pid:
        print(f"sessions held before: {sessions(a.pid)[0]}")
    print("| variant | path | answers by status | Set-Cookie |")
    print("|---|---|---|---:|")
    for name, headers in VARIANTS.items():
        for path in ("/api/models", "/no/such/path"):
            codes, cookies = collections.Counter(), 0
            for _ in range(a.requests):
                status, cookie = send(u.hostname, u.port, path, headers)
                codes[status] += 1
                cookies += cookie
            print(f"| {name} | {path} | {', '.join(f'{k}:{v}' for k, v in sorted(codes.items()))} | {cookies} |")
    if a.pid:
        n, size = sessions(a.pid)
        print(f"sessions held after a full GC: {n} ({size / 1e6:.1f} MB in ManagedSession objects alone)")


if __name__ == "__main__":
    sys.exit(main())
