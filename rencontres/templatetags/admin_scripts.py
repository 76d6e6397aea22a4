"""`{% script_nonce %}`: ` nonce="…"`, the current request's CSP nonce, for the Wagtail admin's
inline scripts in templates rendered without the request (rencontres.admin_scripts)."""

from django import template

from rencontres.admin_scripts import nonce_attribute

register = template.Library()


@register.simple_tag
def script_nonce():
    return nonce_attribute()
