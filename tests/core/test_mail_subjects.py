"""E-mails are plain text: a subject says a title as it is written (« Séance d'information »,
not « Séance d&#x27;information »), whatever the subject template. Every subject template the
project has is found on disk, so that a new one is checked too."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings

from core.mail import render_email

TITLE = """Séance d'information <allaitement> & "papas\""""
ENTITIES = ("&#", "&lt;", "&gt;", "&amp;", "&quot;")
# A variable printed ({{ x }}, {{ x.y }}) or named in a `with` or a blocktranslate (x=y.z).
USED = re.compile(r"\{\{\s*([a-z_]\w*)|\w+=([a-z_]\w*)")
DATED = re.compile(r"([a-z_]\w*)(?:\.\w+)*\|(?:date|time)")


class Anything:
    """A context value whose every attribute is the title (`activity.title`, `place`)."""

    def __str__(self) -> str:
        return TITLE

    def __getattr__(self, name: str) -> str:
        return TITLE


def subject_templates() -> list[str]:
    found = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        found += [str(path.relative_to(root)) for path in root.rglob("*subject*.txt")]
    return sorted(found)


def tricky_context(source: str) -> dict:
    dated = set(DATED.findall(source))
    names = {name for pair in USED.findall(source) for name in pair if name}
    return {
        name: datetime(2027, 3, 3, 10, 0) if name in dated else Anything()  # noqa: DTZ001
        for name in names
    }


def test_every_email_subject_template_is_found():
    names = subject_templates()
    assert "activities/emails/registration_subject.txt" in names
    assert "alerts/emails/digest_subject.txt" in names
    assert "organisers/emails/organiser_invitation_subject.txt" in names


@pytest.mark.parametrize("template", subject_templates())
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_subject_says_a_title_as_written(template, language):
    source = (Path(settings.TEMPLATES[0]["DIRS"][0]) / template).read_text()
    email = render_email(
        "test",
        to="a@example.org",
        subject_template=template,
        body_template=template,
        context=tricky_context(source),
        language=language,
    )
    assert not any(entity in email.subject for entity in ENTITIES), email.subject
    if "{{" in source:
        assert TITLE in email.subject
