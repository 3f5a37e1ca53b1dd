"""`make serve`: one plain line when the port is taken, before mkdocs builds, then fails.

`mkdocs serve` binds its port only after the first build, and a busy port ends in a traceback; this
check runs first, binding the way mkdocs' server does (SO_REUSEADDR: a port left in TIME_WAIT by a
server just stopped is free), and suggests a port that is free now.
"""

from __future__ import annotations

import errno
import socket
import sys

_TRIES = 20  # ports after the busy one to look at for a suggestion


def _bind_error(host: str, port: int) -> OSError | None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            return err
    return None


def _free_after(host: str, port: int) -> int | None:
    for candidate in range(port + 1, min(port + 1 + _TRIES, 65536)):
        if _bind_error(host, candidate) is None:
            return candidate
    return None


def problem(host: str, port_text: str) -> str | None:
    """What stops `make serve` from serving on host:port, in one line; None when it can."""
    if not port_text.isascii() or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        return f"PORT={port_text} is not a port number; choose one from 1024 to 65535, " \
               "e.g. make serve PORT=8001"
    port = int(port_text)
    err = _bind_error(host, port)
    if err is None:
        return None
    other = _free_after(host, max(port, 1023))
    choose = f"make serve PORT={other}" if other else "make serve PORT=…"
    if err.errno == errno.EADDRINUSE:
        return f"port {port} is in use; choose another with {choose}"
    if err.errno == errno.EACCES:
        return f"port {port} needs administrator rights; choose one from 1024 up with {choose}"
    return f"cannot serve on {host}:{port} ({err.strerror}); choose another port with {choose}"


def main(argv: list[str] | None = None) -> int:
    host, port_text = argv if argv is not None else sys.argv[1:]
    if message := problem(host, port_text):
        print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
