#!/usr/bin/env python3
"""Slow readers: N connections ask for a large response and never read it, while one normal
client times /api/health and /embed.js. Prints the normal client's latencies and, with --pid,
how many of the server's Jetty pool threads are blocked writing a response.

  python3 server/load/slow-readers.py --base http://127.0.0.1:7070 --connections 300 [--pid PID]

Loopback only: every socket is opened from this machine and closed at the end.
"""
import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def blocked_writers(pid):
    """Jetty pool threads with a response write on their stack, and all pool threads."""
    dump = subprocess.run(["jcmd", str(pid), "Thread.print"], capture_output=True, text=True).stdout
    pool, writing = 0, 0
    for block in dump.split("\n\n"):
        if not block.startswith('"JettyServerThreadPool'):
            continue
        pool += 1
        if "HttpOutput.write" in block or "HttpOutput.flush" in block or "HttpOutput.close" in block:
            writing += 1
    return writing, pool


def timed_get(url, timeout):
    begin = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            return (time.monotonic() - begin) * 1000, r.status
    except Exception as e:  # a timeout is the measurement, not a failure of the script
        return (time.monotonic() - begin) * 1000, type(e).__name__


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="http://127.0.0.1:7070")
    p.add_argument("--connections", type=int, default=300)
    p.add_argument("--path", help="what the slow readers ask for (default: the first weight file)")
    p.add_argument("--accept-encoding", default="identity")
    p.add_argument("--hold", type=float, default=10, help="seconds to keep the slow readers open")
    p.add_argument("--headers", default="", help="extra request header lines, separated by |")
    p.add_argument("--pid", type=int, help="server pid, to count its blocked pool threads with jcmd")
    a = p.parse_args()
    u = urllib.parse.urlparse(a.base)
    host, port = u.hostname, u.port
    path = a.path or json.load(urllib.request.urlopen(a.base + "/api/models"))["models"][0]["url"]
    extra = "".join(h.strip() + "\r\n" for h in a.headers.split("|") if h.strip())
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: {a.accept_encoding}\r\n{extra}\r\n").encode()

    socks = []
    try:
        for _ in range(a.connections):
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a tiny window: the server fills it at once
            s.connect((host, port))
            s.sendall(request)
            socks.append(s)
        print(f"{a.connections} slow readers on {path} ({a.accept_encoding}); holding {a.hold:.0f} s")
        lat = {"/api/health": [], "/embed.js": []}
        failures = []
        end = time.monotonic() + a.hold
        threads = None
        while time.monotonic() < end:
            for probe in lat:
                ms, status = timed_get(a.base + probe, max(a.hold, 1))  # a starved server answers late, not never
                lat[probe].append(ms)
                if status != 200:
                    failures.append(f"{probe}: {status} after {ms:.0f} ms")
            if a.pid and threads is None and time.monotonic() > end - a.hold / 2:
                threads = blocked_writers(a.pid)
            time.sleep(0.25)
        for probe, ms in lat.items():
            print(f"  {probe:12s} n={len(ms)} median {statistics.median(ms):7.1f} ms  max {max(ms):7.1f} ms")
        if threads:
            print(f"  pool threads blocked writing: {threads[0]} of {threads[1]}")
        print(f"  failed probes: {len(failures)}" + ("".join("\n    " + f for f in failures[:5])))
    finally:
        for s in socks:
            s.close()


if __name__ == "__main__":
    sys.exit(main())
