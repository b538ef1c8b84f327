"""A TCP proxy on loopback in front of the test server that loses answers on purpose.

``drop`` answers are read from the server and thrown away, the client's connection closed
(the request was applied, its answer never arrived); ``delay`` answers are held for
``delay_seconds`` before they are passed on, past the client's timeout. Everything else
is passed through unchanged.
"""

from __future__ import annotations

import socket
import threading


class FlakyProxy:
    def __init__(self, upstream_port: int, *, drop: int = 0, delay: int = 0, delay_seconds: float = 0):
        self.upstream = ("127.0.0.1", upstream_port)
        self.drop = drop
        self.delay = delay
        self.delay_seconds = delay_seconds
        self.connections = 0
        self.dropped = 0
        self.delayed = 0
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            upstream = socket.create_connection(self.upstream)
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._answers, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _answers(self, upstream: socket.socket, client: socket.socket) -> None:
        """Passes the server's bytes on, each chunk (an answer, for these small ones) after
        asking whether it is to be dropped or delayed."""
        try:
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    break
                with self._lock:
                    action = None
                    if self.drop > 0:
                        self.drop -= 1
                        self.dropped += 1
                        action = "drop"
                    elif self.delay > 0:
                        self.delay -= 1
                        self.delayed += 1
                        action = "delay"
                if action == "drop":
                    break
                if action == "delay":
                    threading.Event().wait(self.delay_seconds)
                client.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (client, upstream):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
