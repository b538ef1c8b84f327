"""A small WebSocket client (RFC 6455) over a plain socket, enough for ``/v1/stream``.

The standard library has none, and the stream needs little: the opening handshake with an
``Authorization`` header, text messages (possibly fragmented), answering pings, and the
closing handshake. Frames the client sends are masked, as the RFC requires.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import struct
from typing import Dict, Optional, Tuple

from .errors import StreamClosed, problem_error

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

OP_CONTINUATION = 0x0
OP_TEXT = 0x1
OP_BINARY = 0x2
OP_CLOSE = 0x8
OP_PING = 0x9
OP_PONG = 0xA


class HandshakeError(Exception):
    """The server answered the upgrade with something other than 101 and no problem."""


class WebSocket:
    """One client connection. ``recv`` returns the next text message."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self._buffer = b""
        self._parts: list = []
        self.closed = False

    @classmethod
    def connect(
        cls,
        host: str,
        port: int,
        path: str,
        headers: Dict[str, str],
        timeout: Optional[float],
    ) -> "WebSocket":
        """Opens the connection and performs the handshake.

        Raises a :class:`riskgate.ProblemError` when the server refuses the upgrade with a
        problem document (401 for a bad token, say).
        """
        sock = socket.create_connection((host, port), timeout=timeout)
        try:
            key = base64.b64encode(os.urandom(16)).decode("ascii")
            lines = [
                f"GET {path} HTTP/1.1",
                f"Host: {host}:{port}",
                "Upgrade: websocket",
                "Connection: Upgrade",
                f"Sec-WebSocket-Key: {key}",
                "Sec-WebSocket-Version: 13",
            ]
            lines += [f"{name}: {value}" for name, value in headers.items()]
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            ws = cls(sock)
            status, response_headers, body = ws._read_handshake()
            if status != 101:
                ws._sock.close()
                try:
                    problem = json.loads(body.decode("utf-8")) if body else {}
                except ValueError:
                    problem = {}
                if not (isinstance(problem, dict) and "status" in problem):
                    problem = {
                        "status": status,
                        "title": f"HTTP {status}",
                        "detail": body.decode("utf-8", "replace")
                        or f"the server refused the upgrade to a WebSocket with {status}",
                    }
                if status >= 400:
                    raise problem_error(status, problem)
                raise HandshakeError(f"the server answered the upgrade with {status}")
            expected = base64.b64encode(
                hashlib.sha1((key + _GUID).encode("ascii")).digest()
            ).decode("ascii")
            if response_headers.get("sec-websocket-accept") != expected:
                ws._sock.close()
                raise HandshakeError("the server's Sec-WebSocket-Accept does not match")
            return ws
        except BaseException:
            sock.close()
            raise

    def _read_handshake(self) -> Tuple[int, Dict[str, str], bytes]:
        while b"\r\n\r\n" not in self._buffer:
            chunk = self._sock.recv(4096)
            if not chunk:
                raise HandshakeError("the connection closed during the handshake")
            self._buffer += chunk
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = b""
        if status != 101:
            length = int(headers.get("content-length", "0") or 0)
            while len(self._buffer) < length:
                chunk = self._sock.recv(4096)
                if not chunk:
                    break
                self._buffer += chunk
            body, self._buffer = self._buffer[:length], self._buffer[length:]
        return status, headers, body

    def settimeout(self, timeout: Optional[float]) -> None:
        self._sock.settimeout(timeout)

    def _fill(self, n: int) -> None:
        """Reads until the buffer holds ``n`` bytes; a timeout leaves what arrived in it."""
        while len(self._buffer) < n:
            chunk = self._sock.recv(max(4096, n - len(self._buffer)))
            if not chunk:
                self.closed = True
                raise StreamClosed(None, "the connection ended without a close frame")
            self._buffer += chunk

    def _read_frame(self) -> Tuple[bool, int, bytes]:
        """The next whole frame; consumed from the buffer only once complete, so a timeout
        in the middle of one loses nothing."""
        self._fill(2)
        first, second = self._buffer[0], self._buffer[1]
        fin = bool(first & 0x80)
        opcode = first & 0x0F
        masked = bool(second & 0x80)
        length = second & 0x7F
        offset = 2
        if length == 126:
            self._fill(4)
            (length,) = struct.unpack("!H", self._buffer[2:4])
            offset = 4
        elif length == 127:
            self._fill(10)
            (length,) = struct.unpack("!Q", self._buffer[2:10])
            offset = 10
        mask = None
        if masked:
            self._fill(offset + 4)
            mask = self._buffer[offset : offset + 4]
            offset += 4
        self._fill(offset + length)
        payload = self._buffer[offset : offset + length]
        self._buffer = self._buffer[offset + length :]
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return fin, opcode, payload

    def recv(self) -> str:
        """The next text message; answers pings on the way.

        Raises :class:`riskgate.StreamClosed` when the server closes the stream, and
        ``socket.timeout`` when no frame arrived within the socket's timeout (the
        connection stays usable: a partial frame is kept for the next call).
        """
        while True:
            fin, opcode, payload = self._read_frame()
            if opcode == OP_PING:
                self._send_frame(OP_PONG, payload)
                continue
            if opcode == OP_PONG:
                continue
            if opcode == OP_CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                reason = payload[2:].decode("utf-8", "replace")
                if not self.closed:
                    try:
                        self._send_frame(OP_CLOSE, payload[:2])
                    except OSError:
                        pass
                self.closed = True
                self._sock.close()
                raise StreamClosed(code, reason)
            if opcode in (OP_TEXT, OP_BINARY, OP_CONTINUATION):
                self._parts.append(payload)
                if fin:
                    message = b"".join(self._parts)
                    self._parts = []
                    return message.decode("utf-8")

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self._sock.sendall(header + mask + masked)

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Sends a close frame (once) and closes the socket."""
        if self.closed:
            return
        self.closed = True
        try:
            self._send_frame(OP_CLOSE, struct.pack("!H", code) + reason.encode("utf-8"))
        except OSError:
            pass
        finally:
            self._sock.close()
