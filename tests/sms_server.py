"""A local SMPP 3.4 server (an SMS centre stand-in) for smpplib's real client to talk to, as the
geocoders' tests have their local HTTP servers (tests/geocoders.py).

It answers bind_transceiver (checking the system_id and password), submit_sm (a message id; the
short message decoded from GSM-7, data_coding 0, or UCS-2, data_coding 8, its concatenation
header read, the parts of one message put back together), enquire_link and unbind; after a
submit_sm it can send a delivery receipt (deliver_sm, « id:… stat:DELIVRD » or UNDELIV) on
the same bind. `mode` makes it refuse: "throttled" (status 0x58, try later), "rejected" (0x45,
submit failed).

PDUs are encoded and decoded with smpplib's own classes; the GSM-7 table is written here again,
from GSM 03.38, so that a mistake in the application's table is not repeated by the server.
"""

from __future__ import annotations

import itertools
import socket
import socketserver
import struct
import threading
from dataclasses import dataclass, field

from smpplib import smpp

GSM7 = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_ESCAPED = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[", 0x3D: "~",
                0x3E: "]", 0x40: "|", 0x65: "€"}  # fmt: skip


def decode_gsm7(data: bytes) -> str:
    out, escaped = [], False
    for octet in data:
        if escaped:
            out.append(GSM7_ESCAPED[octet])
            escaped = False
        elif octet == 0x1B:
            escaped = True
        else:
            out.append(GSM7[octet])
    return "".join(out)


class _Sequences:
    """What smpplib's PDU classes ask of a client: sequence numbers."""

    allow_unknown_opt_params = True

    def __init__(self):
        self._counter = itertools.count(1)
        self.sequence = 0

    def next_sequence(self) -> int:
        self.sequence = next(self._counter)
        return self.sequence


@dataclass
class Submitted:
    """One submit_sm as received."""

    destination: str
    source: str
    data_coding: int
    esm_class: int
    registered_delivery: int
    payload: bytes
    text: str
    message_id: str


@dataclass
class Message:
    """A whole message: its parts put back together."""

    destination: str
    text: str
    parts: int
    data_coding: int


@dataclass
class SmsCentre:
    system_id: str = "rencontres"
    password: str = "secret"
    receipts: str | None = "DELIVRD"  # the receipt sent after each submit, or None
    mode: str = "ok"
    submitted: list[Submitted] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    binds: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._ids = itertools.count(1000)
        self._pending: dict[tuple[str, int], dict[int, Submitted]] = {}
        self.lock = threading.Lock()
        self.received = threading.Condition(self.lock)
        centre = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                centre._serve(self.request)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"smpp://{self.system_id}:{self.password}@127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Message]:
        with self.received:
            self.received.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)

    # -- the protocol ---------------------------------------------------------------------

    def _serve(self, sock: socket.socket) -> None:
        sequences = _Sequences()
        sock.settimeout(30)
        while True:
            header = self._read(sock, 4)
            if header is None:
                return
            (length,) = struct.unpack(">L", header)
            body = self._read(sock, length - 4)
            if body is None:
                return
            pdu = smpp.parse_pdu(header + body, client=sequences, allow_unknown_opt_params=True)
            if pdu.command == "bind_transceiver":
                ok = _text(pdu.system_id) == self.system_id and _text(pdu.password) == self.password
                self.binds.append(_text(pdu.system_id))
                self._reply(sock, sequences, pdu, "bind_transceiver_resp", 0 if ok else 0x0E,
                            system_id="stand-in")  # fmt: skip
                if not ok:
                    return
            elif pdu.command == "submit_sm":
                self._submit(sock, sequences, pdu)
            elif pdu.command == "enquire_link":
                self._reply(sock, sequences, pdu, "enquire_link_resp", 0)
            elif pdu.command == "unbind":
                self._reply(sock, sequences, pdu, "unbind_resp", 0)
                return

    @staticmethod
    def _read(sock: socket.socket, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            try:
                chunk = sock.recv(size - len(data))
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
        return data

    @staticmethod
    def _reply(sock, sequences, request, command: str, status: int, **fields) -> None:
        answer = smpp.make_pdu(command, client=sequences, status=status, **fields)
        answer.sequence = request.sequence
        sock.sendall(answer.generate())

    def _submit(self, sock, sequences, pdu) -> None:
        if self.mode != "ok":
            status = 0x58 if self.mode == "throttled" else 0x45
            self._reply(sock, sequences, pdu, "submit_sm_resp", status, message_id="")
            return
        message_id = f"m{next(self._ids)}"
        raw = pdu.short_message or b""
        udh = None
        if pdu.esm_class & 0x40:
            udh, raw = raw[1 : 1 + raw[0]], raw[1 + raw[0] :]
        text = decode_gsm7(raw) if pdu.data_coding == 0 else raw.decode("utf-16-be")
        submitted = Submitted(
            destination=_text(pdu.destination_addr),
            source=_text(pdu.source_addr),
            data_coding=pdu.data_coding,
            esm_class=pdu.esm_class,
            registered_delivery=pdu.registered_delivery,
            payload=raw,
            text=text,
            message_id=message_id,
        )
        self._reply(sock, sequences, pdu, "submit_sm_resp", 0, message_id=message_id)
        with self.received:
            self.submitted.append(submitted)
            if udh is None:
                self.messages.append(Message(submitted.destination, text, 1, pdu.data_coding))
            else:
                # IE 0x00: reference, total parts, this part's number.
                reference, total, number = udh[2], udh[3], udh[4]
                parts = self._pending.setdefault((submitted.destination, reference), {})
                parts[number] = submitted
                if len(parts) == total:
                    whole = "".join(parts[n].text for n in sorted(parts))
                    self.messages.append(
                        Message(submitted.destination, whole, total, pdu.data_coding)
                    )
                    del self._pending[(submitted.destination, reference)]
            self.received.notify_all()
        if self.receipts and pdu.registered_delivery:
            receipt = (
                f"id:{message_id} sub:001 dlvrd:001 submit date:2701010000 "
                f"done date:2701010000 stat:{self.receipts} err:000 text:"
            ).encode()
            deliver = smpp.make_pdu(
                "deliver_sm",
                client=sequences,
                source_addr=submitted.destination,
                destination_addr=submitted.source,
                esm_class=0x04,
                short_message=receipt,
            )
            sock.sendall(deliver.generate())


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1").rstrip("\0")
    return (value or "").rstrip("\0")
