"""A loopback stand-in for Slack's Socket Mode endpoint: a WebSocket server (RFC 6455, text,
ping/pong and close frames — what slack_sdk's built-in client speaks), standard library only.

FakeSlack answers `apps.connections.open` with this server's ws:// URL; on connect the
server says `hello`, the test pushes envelopes and reads the acknowledgements back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def accept_key(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()


def frame(opcode: int, payload: bytes) -> bytes:
    """A server frame (never masked): FIN + opcode, the length, the payload."""
    head = bytes([0x80 | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([n])
    elif n < 65536:
        head += bytes([126]) + struct.pack("!H", n)
    else:
        head += bytes([127]) + struct.pack("!Q", n)
    return head + payload


def _exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def read_frame(sock: socket.socket) -> tuple[int, bytes]:
    """One client frame (clients must mask): (opcode, unmasked payload)."""
    b0, b1 = _exactly(sock, 2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack("!H", _exactly(sock, 2))[0]
    elif n == 127:
        n = struct.unpack("!Q", _exactly(sock, 8))[0]
    mask = _exactly(sock, 4) if b1 & 0x80 else b"\0\0\0\0"
    data = _exactly(sock, n)
    return b0 & 0x0F, bytes(c ^ mask[i % 4] for i, c in enumerate(data))


@dataclass
class Received:
    message: dict
    at: float


@dataclass
class FakeSocketMode:
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    _clients: list[socket.socket] = field(default_factory=list)

    def start(self) -> FakeSocketMode:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self.lock:
            for client in self._clients:
                try:
                    client.sendall(frame(0x8, struct.pack("!H", 1001)))
                    client.close()
                except OSError:
                    pass
        self._server.close()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._server.getsockname()[1]}/link/?ticket=e2e"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = client.recv(4096)
            if not chunk:
                return
            request += chunk
        headers = dict(
            line.split(": ", 1) for line in request.decode().split("\r\n")[1:] if ": " in line
        )
        key = next(v for k, v in headers.items() if k.lower() == "sec-websocket-key")
        client.sendall(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + f"Sec-WebSocket-Accept: {accept_key(key)}\r\n\r\n".encode()
        )
        with self.lock:
            self._clients.append(client)
            self.connections += 1
        hello = {"type": "hello", "num_connections": 1, "debug_info": {"host": "e2e"}}
        self._send(client, hello)
        try:
            while not self._stop.is_set():
                opcode, data = read_frame(client)
                if opcode == 0x9:  # ping: answer with the same payload
                    with self.lock:
                        client.sendall(frame(0xA, data))
                elif opcode == 0x1:
                    with self.lock:
                        self.received.append(Received(json.loads(data), time.monotonic()))
                elif opcode == 0x8:
                    return
        except (ConnectionError, OSError):
            return

    def _send(self, client: socket.socket, message: dict) -> None:
        with self.lock:
            client.sendall(frame(0x1, json.dumps(message).encode()))

    def push(self, envelope: dict) -> float:
        """Send an envelope to the (first) connected client; returns when it was sent."""
        with self.lock:
            client = self._clients[0]
        sent = time.monotonic()
        self._send(client, envelope)
        return sent

    def wait_connected(self, timeout: float = 30.0) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if self._clients:
                    return
            time.sleep(0.05)
        raise AssertionError("kpibot never opened the Socket Mode connection")

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> Received:
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                for got in self.received:
                    if got.message.get("envelope_id") == envelope_id:
                        return got
            time.sleep(0.01)
        raise AssertionError(f"no acknowledgement of envelope {envelope_id}")
