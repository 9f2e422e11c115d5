#!/usr/bin/env python3
"""Training workload for the application class-data archive (build.sh, image stage).

Drives a `kyso serve` started with -XX:ArchiveClassesAtExit the way a web page does at the start of a working day:
health checks (plain and with an Origin, as browsers send them), a WebSocket, `info`, `tokens.list`, a PDF upload in
binary frames, `verify.pdf`, a `sign.pdf` up to where the agent looks for the certificate, and `document.remove`. The
signature itself cannot be trained (nobody is there to consent or type a PIN), so the training then waits until the
agent's own signing warm-up — PAdES signing and verification with a throwaway key, started once the agent answers —
has logged its end. Every class all this loads goes into the archive, so the installed agent finds them already parsed
and verified. Standard library only (the build machine has python3 for the MSI stage anyway).

Usage: cds-training.py PORT ORIGIN AGENT_LOG
"""
import base64
import json
import os
import signal
import socket
import struct
import sys
import time
import urllib.request


def wait_for_health(port, deadline):
    url = f"http://127.0.0.1:{port}/v1/health"
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return answer.read()
        except OSError:
            if time.time() > deadline:
                raise SystemExit("cds-training: the agent did not answer /v1/health")
            time.sleep(0.05)


def health_with_origin(port, origin):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/health", headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()


def one_page_pdf():
    """A small, well-formed one-page PDF with a line of text (built here: no sample file ships with the build)."""
    text = b"BT /F1 12 Tf 60 760 Td (Kyso Agent - training) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class WebSocket:
    """The client side of RFC 6455, as much as the training needs: masked text and binary frames, unfragmented."""

    def __init__(self, port, origin):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           f"Origin: {origin}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise SystemExit("cds-training: connection closed during the WebSocket handshake")
            head += chunk
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status:
            raise SystemExit(f"cds-training: WebSocket refused: {status.decode(errors='replace')}")
        self.buffer = head.split(b"\r\n\r\n", 1)[1]
        self.next_id = 0

    def send(self, opcode, payload):
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def read_exact(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("cds-training: the agent closed the WebSocket")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        first, second = self.read_exact(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack(">H", self.read_exact(2))[0]
        elif length == 127:
            length = struct.unpack(">Q", self.read_exact(8))[0]
        return first & 0x0F, self.read_exact(length)

    def messages(self):
        while True:
            opcode, payload = self.receive()
            if opcode == 0x1:
                yield json.loads(payload)

    def wait_event(self, name):
        for message in self.messages():
            if message.get("event") == name:
                return message.get("data")
            if "error" in message:
                raise SystemExit(f"cds-training: {message['error']}")

    def call(self, method, params=None):
        """Sends a request and returns its answer (events in between are skipped)."""
        answer = self.ask(method, params)
        if "error" in answer:
            raise SystemExit(f"cds-training: {method} failed: {answer['error']}")
        return answer["result"]

    def refused(self, method, params):
        """Sends a request the agent must refuse and returns the error's code."""
        answer = self.ask(method, params)
        if "error" not in answer:
            raise SystemExit(f"cds-training: {method} was expected to be refused")
        return answer["error"].get("code")

    def ask(self, method, params):
        self.next_id += 1
        request = {"id": self.next_id, "method": method}
        if params is not None:
            request["params"] = params
        self.send(0x1, json.dumps(request).encode())
        return next(m for m in self.messages() if m.get("id") == self.next_id)

    def close(self):
        self.send(0x8, struct.pack(">H", 1000))
        self.sock.close()


def wait_for_warm_up(log, deadline):
    """Until the agent's log has the signing warm-up's last line (done or failed)."""
    while time.time() < deadline:
        try:
            with open(log, encoding="utf-8", errors="replace") as lines:
                if any("signing warm-up" in line for line in lines):
                    return
        except FileNotFoundError:
            pass
        time.sleep(0.2)
    raise SystemExit("cds-training: the agent's signing warm-up did not end")


def main():
    port, origin, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    # A request the agent never answers must fail the training (the image is then built without an archive), not
    # hang the build.
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("cds-training: no answer within 5 minutes"))
    signal.alarm(300)
    wait_for_health(port, time.time() + 120)
    for _ in range(3):
        health_with_origin(port, origin)
    ws = WebSocket(port, origin)
    ws.call("info")
    ws.call("tokens.list")
    pdf = one_page_pdf()
    document_id = ws.call("document.upload", {"name": "training.pdf", "size": len(pdf)})["documentId"]
    raw_id = bytes.fromhex(document_id.replace("-", ""))
    ws.send(0x2, raw_id + pdf)
    ws.wait_event("document.received")
    ws.call("verify.pdf", {"documentId": document_id})
    # The training token holds no certificate: the request gets as far as looking for it.
    ws.refused("sign.pdf", {"documentId": document_id, "certificateId": "00" * 32, "preset": "invisible",
                            "level": "B-B"})
    ws.call("document.remove", {"documentId": document_id})
    ws.close()
    wait_for_warm_up(log, time.time() + 240)
    print("cds-training: health, WebSocket, tokens.list, upload, verify.pdf, sign.pdf refused, warm-up done")


if __name__ == "__main__":
    main()
