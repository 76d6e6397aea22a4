"""Every e-mail the site sends leaves through the task queue (django-tasks: its database backend
by default, run by `manage.py db_worker`; immediate in tests), so a mail server that is down or
refuses never fails the request that asked for it: the task fails and is recorded, nothing else.

The message is rendered when it is queued, in the recipient's language, so the worker needs no
request and no model; what it carries is plain JSON. Nothing personal is logged: only the kind
of message.

Messages are plain text: subject and body are rendered without HTML escaping (a title with an
apostrophe or a `<` stays as written), whatever the template says. A context given as a
function is built in the recipient's language too, so that the links it makes — `reverse()`
under the language's prefix, a page's translation (`core.pages.localized_url`) — open the pages
in that language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django_tasks import task

from core.text import single_line

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


@dataclass(frozen=True)
class Email:
    """One message to one or more recipients. `kind` names it in the logs (never an address)."""

    kind: str
    to: tuple[str, ...]
    subject: str
    body: str
    headers: Mapping[str, str] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()


def render_plain_text(template_name: str, context: Mapping) -> str:
    """A template rendered as plain text: no HTML escaping (an e-mail's subject and body)."""
    template = get_template(template_name)
    # The Django engine's template under the backend's wrapper, rendered with its own Context
    # (the wrapper's `render` would turn autoescape back on).
    return template.template.render(Context(dict(context), autoescape=False))


def render_email(
    kind: str,
    *,
    to: str | Iterable[str],
    subject_template: str,
    body_template: str,
    context: Mapping | Callable[[], Mapping],
    language: str | None = None,
    headers: Mapping[str, str] | None = None,
    attachments: Iterable[Attachment] = (),
) -> Email:
    """Subject and body rendered as plain text from two templates in `language` (the site's
    default when None); the subject is kept on one line whatever the context holds. A callable
    `context` is called in `language`: the links it builds are that language's."""
    with translation.override(language):
        values = dict(context() if callable(context) else context)
        subject = render_plain_text(subject_template, values)
        body = render_plain_text(body_template, values)
    recipients = (to,) if isinstance(to, str) else tuple(to)
    return Email(
        kind=kind,
        to=recipients,
        subject=single_line(subject),
        body=body,
        headers=dict(headers or {}),
        attachments=tuple(attachments),
    )


def queue_email(email: Email) -> None:
    """Hand the message to the task queue; call it from `transaction.on_commit` when the message
    speaks of rows the request is still writing."""
    deliver_email.enqueue(
        kind=email.kind,
        to=list(email.to),
        subject=single_line(email.subject),
        body=email.body,
        headers=dict(email.headers),
        attachments=[[a.filename, a.content, a.mimetype] for a in email.attachments],
    )


@task()
def deliver_email(
    kind: str,
    to: list[str],
    subject: str,
    body: str,
    headers: dict[str, str],
    attachments: list[list[str]],
) -> None:
    message = EmailMessage(subject, body, to=to, headers=headers)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    logger.info("E-mail sent: %s", kind)
