"""core.smpp against a local SMPP 3.4 server (tests/sms_server.py): smpplib's real client binds
as a transceiver, submits GSM-7 or UCS-2 parts, reads the receipts, and says which failures are
worth another attempt."""

import pytest

from core.smpp import SmppCentre, SmppFailure, read_receipts, send
from tests.sms_server import SmsCentre


@pytest.fixture
def server():
    centre = SmsCentre()
    yield centre
    centre.stop()


def test_a_gsm7_text_in_one_part_and_its_receipt(server):
    receipts = []
    ids = send(
        SmppCentre.from_url(server.url), "+32470123456", "Séance confirmée [10h] 5 €",
        on_receipt=receipts.append, listen=0.5,
    )  # fmt: skip
    (message,) = server.wait_for(1)
    assert message.destination == "32470123456"
    assert message.text == "Séance confirmée [10h] 5 €"
    assert (message.parts, message.data_coding) == (1, 0)
    (submitted,) = server.submitted
    assert submitted.source == "Rencontres" and submitted.registered_delivery == 1
    assert [r.message_id for r in receipts] == ids and receipts[0].delivered


def test_arabic_goes_as_ucs2_in_parts_put_back_together(server):
    text = "موعدكم غدا في الساعة العاشرة " * 4
    ids = send(SmppCentre.from_url(server.url), "+33612345678", text)
    (message,) = server.wait_for(1)
    assert message.text == text and message.data_coding == 8
    assert message.parts == len(ids) == 2
    assert all(s.esm_class == 0x40 for s in server.submitted)


def test_throttling_is_transient_a_refusal_is_not(server):
    centre = SmppCentre.from_url(server.url)
    server.mode = "throttled"
    with pytest.raises(SmppFailure) as throttled:
        send(centre, "+32470123456", "Bonjour")
    assert throttled.value.transient and "0x58" in throttled.value.summary
    server.mode = "rejected"
    with pytest.raises(SmppFailure) as rejected:
        send(centre, "+32470123456", "Bonjour")
    assert not rejected.value.transient
    assert "32470123456" not in rejected.value.summary


def test_a_wrong_password_is_permanent_and_no_server_is_transient(server):
    wrong = SmppCentre.from_url(server.url.replace(":secret@", ":wrong@"))
    with pytest.raises(SmppFailure) as refused:
        send(wrong, "+32470123456", "Bonjour")
    assert not refused.value.transient
    server.stop()
    with pytest.raises(SmppFailure) as unreachable:
        send(SmppCentre.from_url(server.url), "+32470123456", "Bonjour")
    assert unreachable.value.transient


def test_the_url_gives_the_centre_and_refuses_another_scheme():
    centre = SmppCentre.from_url("smpps://rencontres:p%40ss@smsc.example.org:3550")
    assert (centre.host, centre.port, centre.system_id, centre.password, centre.tls) == (
        "smsc.example.org", 3550, "rencontres", "p@ss", True,
    )  # fmt: skip
    with pytest.raises(ValueError, match="smpp://"):
        SmppCentre.from_url("http://smsc.example.org")


def test_read_receipts_binds_and_listens(server):
    got = []
    read_receipts(SmppCentre.from_url(server.url), 0.2, got.append)
    assert server.binds == ["rencontres"] and got == []


def test_tls_checks_the_centre_s_certificate_against_its_name(server):
    # The local server speaks plain TCP: the TLS handshake fails, as a transient failure
    # (never a ValueError for a missing server name).
    centre = SmppCentre.from_url(server.url.replace("smpp://", "smpps://"))
    centre = SmppCentre(**{**centre.__dict__, "timeout": 1.0})
    with pytest.raises(SmppFailure) as failed:
        send(centre, "+32470123456", "Bonjour")
    assert failed.value.transient
