"""The request's CSP nonce for the few inline scripts the Wagtail admin writes itself.

The admin's policy allows no inline script without the request's nonce (settings,
CONTENT_SECURITY_POLICY_ADMIN), so that a script stored in content (a place's name, a report)
never runs in a staff member's browser. Wagtail 8 still initialises some widgets with an inline
script: inline and multiple-chooser panels, the date and time pickers, every chooser widget
(BaseChooser.render), and two screens of wagtail-localize. Those are rendered by templates and
widgets that do not receive the request, so `ContentSecurityPolicyMiddleware` keeps the current
request here and `script_nonce()` gives its nonce:

- the templates are overridden in rencontres/templates/ (the first app, so that the form
  renderer, which reads no project template directory, finds the widgets' too)
  with `<script{% script_nonce %}>` (the `admin_scripts` tag library);
- `BaseChooser.render` is wrapped (`nonce_chooser_scripts`, from RencontresConfig.ready) to add
  the nonce to the one script it writes after its HTML.

Only those known scripts get the nonce: the response is never rewritten, so a script that came
from content has none and is blocked. A script inside an inline panel's empty form carries the
page's nonce and runs when jQuery inserts the form (jQuery copies the nonce).
"""

from __future__ import annotations

from contextvars import ContextVar, Token

from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_request: ContextVar[HttpRequest | None] = ContextVar("rencontres_csp_request", default=None)


def remember(request: HttpRequest) -> Token:
    """Keeps `request` as the current one until `forget(token)`."""
    return _request.set(request)


def forget(token: Token) -> None:
    """Back to the request before (Wagtail's preview runs a request inside another)."""
    try:
        _request.reset(token)
    except ValueError:  # set in another context: nothing to restore there
        _request.set(None)


def script_nonce() -> str:
    """The current request's nonce ('' outside a request: a script without a nonce, blocked)."""
    request = _request.get()
    # django-csp's lazy nonce is falsy until read: reading it here puts it in the header.
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    return "" if nonce is None else str(nonce)


def nonce_attribute() -> SafeString:
    nonce = script_nonce()
    return mark_safe(f' nonce="{escape(nonce)}"') if nonce else mark_safe("")  # noqa: S308


def nonce_chooser_scripts() -> None:
    """Wagtail's BaseChooser.render ends its HTML with `<script>…</script>`: the same, with the
    request's nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "rencontres_nonce", False):
        return
    original = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        html = str(original(self, name, value, attrs=attrs, renderer=renderer))
        head, marker, tail = html.rpartition("<script>")
        if not marker:
            return mark_safe(html)  # noqa: S308 - Wagtail's own output, unchanged
        return mark_safe(f"{head}<script{nonce_attribute()}>{tail}")  # noqa: S308

    render.rencontres_nonce = True
    BaseChooser.render = render
