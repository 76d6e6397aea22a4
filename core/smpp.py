"""Text messages sent through SMPP 3.4 with smpplib: a transceiver bind, one submit_sm per part
(GSM-7 as data_coding 0, anything else as UCS-2, data_coding 8; a message in several parts
carries the concatenation header, esm_class UDHI), a delivery receipt asked for each, and the
receipts the SMS centre sends on the bind read back (`read_receipts`).

The SMS centre is `settings.SMS["url"]`, « smpp://system_id:password@host:port » (smpps:// for
TLS), from the environment (RENCONTRES_SMPP_URL), never from a settings file.

smpplib logs every PDU in hexadecimal at DEBUG, numbers included: its loggers here say nothing
below ERROR (its warnings are the protocol's states), whatever the logging configuration.
"""

from __future__ import annotations

import logging
import re
import select
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from smpplib import client as smpp_client
from smpplib import consts
from smpplib import exceptions as smpp_errors

from core.sms import split_parts

WIRE_LOGGER = "rencontres.smpp.wire"
logging.getLogger(WIRE_LOGGER).setLevel(logging.ERROR)

# An SMS centre's answers that say « later »: the message may be sent again.
TRANSIENT_STATUSES = {
    consts.SMPP_ESME_RSYSERR,
    consts.SMPP_ESME_RMSGQFUL,
    consts.SMPP_ESME_RTHROTTLED,
    consts.SMPP_ESME_RX_T_APPN,
}
RECEIPT = re.compile(rb"id:(?P<id>\S+).*?stat:(?P<stat>[A-Z]+)", re.DOTALL)
DELIVERED_STATES = {"DELIVRD", "ACCEPTD"}
# esm_class of a deliver_sm that is a delivery receipt (SMPP 3.4, 5.2.12).
DELIVERY_RECEIPT = 0x04


@dataclass(frozen=True)
class SmppCentre:
    host: str
    port: int
    system_id: str
    password: str
    tls: bool = False
    # The sender's name as the family's phone shows it (alphanumeric, 11 characters at most).
    source: str = "Rencontres"
    timeout: float = 10.0

    @classmethod
    def from_url(cls, url: str, source: str = "Rencontres") -> SmppCentre:
        parts = urlsplit(url)
        if parts.scheme not in ("smpp", "smpps") or not parts.hostname:
            raise ValueError("an SMPP URL such as smpp://user:password@host:2775")
        return cls(
            host=parts.hostname,
            port=parts.port or 2775,
            system_id=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            tls=parts.scheme == "smpps",
            source=source,
        )


class SmppFailure(Exception):
    """A send that did not go through: `transient` when trying again may work. Its `summary`
    names the error's class and the centre's status code, never the number or the text."""

    def __init__(self, summary: str, *, transient: bool):
        super().__init__(summary)
        self.summary = summary
        self.transient = transient


@dataclass(frozen=True)
class Receipt:
    message_id: str
    delivered: bool
    state: str


def _receipt(pdu) -> Receipt | None:
    """A deliver_sm that is a delivery receipt (esm_class bit 2), read from its optional
    parameters or its text « id:… stat:… »."""
    if not (getattr(pdu, "esm_class", 0) or 0) & DELIVERY_RECEIPT:
        return None
    found = RECEIPT.search(pdu.short_message or b"")
    message_id = getattr(pdu, "receipted_message_id", None) or (found and found["id"])
    if not message_id:
        return None
    if isinstance(message_id, bytes):
        message_id = message_id.decode("ascii", "replace")
    state = found["stat"].decode("ascii") if found else "UNKNOWN"
    return Receipt(message_id.strip("\0"), state in DELIVERED_STATES, state)


class _Tls:
    """What smpplib asks of an SSL context (`wrap_socket(sock)`), with the host's name given so
    that its certificate is checked against it."""

    def __init__(self, host: str):
        self.host = host
        self.context = ssl.create_default_context()

    def wrap_socket(self, sock):
        return self.context.wrap_socket(sock, server_hostname=self.host)


class Connection:
    """One bind to the SMS centre, as a transceiver. Receipts met while sending are handed to
    `on_receipt`."""

    def __init__(self, centre: SmppCentre, on_receipt: Callable[[Receipt], None] | None = None):
        self.centre = centre
        self.on_receipt = on_receipt or (lambda receipt: None)
        ssl_context = _Tls(centre.host) if centre.tls else None
        self.client = smpp_client.Client(
            centre.host,
            centre.port,
            timeout=centre.timeout,
            logger_name=WIRE_LOGGER,
            ssl_context=ssl_context,
            allow_unknown_opt_params=True,
        )

    def __enter__(self) -> Connection:
        try:
            self.client.connect()
            self.client.bind_transceiver(
                system_id=self.centre.system_id, password=self.centre.password
            )
        except smpp_errors.ConnectionError as error:
            self.client.disconnect()
            raise SmppFailure(type(error).__name__, transient=True) from None
        except smpp_errors.PDUError as error:
            self.client.disconnect()
            raise SmppFailure(_status_summary("bind", error), transient=False) from None
        return self

    def __exit__(self, *exc) -> None:
        # Receipts may still come before the unbind's answer: they are read, not lost.
        try:
            self.client.send_pdu(smpp_client.smpp.make_pdu("unbind", client=self.client))
            for _ in range(20):
                pdu = self.client.read_pdu()
                if pdu.command == "unbind_resp":
                    break
                self._answer(pdu)
        except (smpp_errors.PDUError, smpp_errors.ConnectionError, OSError):
            pass
        self.client.disconnect()

    def submit(self, number: str, body: str) -> list[str]:
        """Each part submitted and acknowledged in turn; the centre's ids of the parts."""
        parts, gsm7 = split_parts(body)
        data_coding = consts.SMPP_ENCODING_DEFAULT if gsm7 else consts.SMPP_ENCODING_ISO10646
        reference = int(time.monotonic() * 1000) % 256
        ids = []
        for index, part in enumerate(parts, start=1):
            esm_class = consts.SMPP_MSGTYPE_DEFAULT
            payload = part
            if len(parts) > 1:
                esm_class = consts.SMPP_GSMFEAT_UDHI
                payload = bytes((5, 0, 3, reference, len(parts), index)) + part
            try:
                self.client.send_message(
                    source_addr_ton=consts.SMPP_TON_ALNUM,
                    source_addr_npi=consts.SMPP_NPI_UNK,
                    source_addr=self.centre.source,
                    dest_addr_ton=consts.SMPP_TON_INTL,
                    dest_addr_npi=consts.SMPP_NPI_ISDN,
                    destination_addr=number.lstrip("+"),
                    short_message=payload,
                    data_coding=data_coding,
                    esm_class=esm_class,
                    registered_delivery=consts.SMPP_SMSC_DELIVERY_RECEIPT_BOTH,
                )
                ids.append(self._acknowledged())
            except (smpp_errors.ConnectionError, OSError) as error:
                raise SmppFailure(type(error).__name__, transient=True) from None
        return ids

    def _acknowledged(self) -> str:
        """Reads until the submit_sm_resp, answering what comes before it."""
        while True:
            try:
                pdu = self.client.read_pdu()
            except TimeoutError:
                raise SmppFailure("Timeout submit_sm", transient=True) from None
            if pdu.command == "submit_sm_resp":
                if pdu.is_error():
                    raise SmppFailure(
                        f"submit_sm status {pdu.status:#x}",
                        transient=pdu.status in TRANSIENT_STATUSES,
                    )
                message_id = pdu.message_id
                if isinstance(message_id, bytes):
                    message_id = message_id.decode("ascii", "replace")
                return (message_id or "").strip("\0")
            self._answer(pdu)

    def _answer(self, pdu) -> None:
        if pdu.command == "deliver_sm":
            receipt = _receipt(pdu)
            if receipt is not None:
                self.on_receipt(receipt)
            answer = smpp_client.smpp.make_pdu("deliver_sm_resp", client=self.client)
            answer.sequence = pdu.sequence
            self.client.send_pdu(answer)
        elif pdu.command == "enquire_link":
            answer = smpp_client.smpp.make_pdu("enquire_link_resp", client=self.client)
            answer.sequence = pdu.sequence
            self.client.send_pdu(answer)

    def listen(self, seconds: float) -> None:
        """Reads what the centre sends (receipts) for `seconds`."""
        ends = time.monotonic() + seconds
        sock = self.client._socket
        while (left := ends - time.monotonic()) > 0:
            readable, _w, _x = select.select([sock], [], [], min(left, 0.5))
            if not readable:
                continue
            try:
                self._answer(self.client.read_pdu())
            except (smpp_errors.ConnectionError, OSError, TimeoutError):
                return


def _status_summary(step: str, error: smpp_errors.PDUError) -> str:
    code = error.args[1] if len(error.args) > 1 else None
    return f"{step} status {code:#x}" if isinstance(code, int) else f"{step} refused"


def send(centre: SmppCentre, number: str, body: str, on_receipt=None, listen: float = 0.0):
    """One message to one number (E.164); the centre's ids of its parts. Raises SmppFailure."""
    try:
        with Connection(centre, on_receipt) as connection:
            ids = connection.submit(number, body)
            if listen:
                connection.listen(listen)
            return ids
    except socket.gaierror:
        raise SmppFailure("gaierror", transient=True) from None


def read_receipts(centre: SmppCentre, seconds: float, on_receipt) -> None:
    """Binds for `seconds` and hands every receipt the centre sends to `on_receipt`."""
    with Connection(centre, on_receipt) as connection:
        connection.listen(seconds)
