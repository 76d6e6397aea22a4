"""The admin's Content-Security-Policy runs no inline script without the request's nonce: the
inline scripts Wagtail writes itself (inline panels, choosers, date pickers) carry it, a script
stored in content does not (rencontres.admin_scripts)."""

import re

import pytest

from tests.factories import ActivityPageFactory, publish

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
NOT_RUN = ("application/json", "text/template", "application/ld+json")


def policy_directive(response, name: str) -> str:
    for directive in response["Content-Security-Policy"].split(";"):
        if directive.strip().startswith(name + " "):
            return directive.strip()
    raise AssertionError(name)


def inline_scripts(html: str) -> list[str]:
    """The attributes of each script element without src that the browser would run."""
    return [
        attributes
        for attributes in SCRIPT.findall(html)
        if "src=" not in attributes and not any(kind in attributes for kind in NOT_RUN)
    ]


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    )
    return client


def test_the_admins_policy_allows_no_inline_script_without_the_nonce(admin_client):
    response = admin_client.get("/admin/login/")
    assert "'unsafe-inline'" not in policy_directive(response, "script-src")
    # Styles stay allowed inline: Wagtail sets style attributes throughout.
    assert "'unsafe-inline'" in policy_directive(response, "style-src")


def test_wagtails_own_inline_scripts_carry_the_requests_nonce(admin_client, place):
    # The place's editor: inline panels (photos, hours), choosers, date pickers; a script in
    # the place's name is content and gets none.
    place.title = "<script>alert('Maison')</script>"
    place.save_revision().publish()
    activity = publish(ActivityPageFactory(parent=place, title="Matinée"))
    for path in [f"/admin/pages/{place.pk}/edit/", f"/admin/pages/{activity.pk}/edit/"]:
        response = admin_client.get(path)
        assert response.status_code == 200
        nonce = re.search(r"'nonce-([^']+)'", policy_directive(response, "script-src")).group(1)
        html = response.content.decode()
        scripts = inline_scripts(html)
        assert scripts, path
        assert all(f'nonce="{nonce}"' in attributes for attributes in scripts), (path, scripts)
        assert "<script>alert(" not in html


def test_outside_a_request_the_chooser_writes_no_nonce():
    from wagtail.images.widgets import AdminImageChooser

    html = AdminImageChooser().render("image", None, {"id": "id_image"})
    assert "<script>" in html and "nonce=" not in html


def test_a_request_inside_another_gives_the_outer_one_back(rf):
    from rencontres import admin_scripts

    outer, inner = rf.get("/admin/"), rf.get("/admin/preview/")
    outer.csp_nonce, inner.csp_nonce = "outer-nonce", "inner-nonce"
    token = admin_scripts.remember(outer)
    inner_token = admin_scripts.remember(inner)
    assert admin_scripts.script_nonce() == "inner-nonce"
    admin_scripts.forget(inner_token)
    assert admin_scripts.script_nonce() == "outer-nonce"
    admin_scripts.forget(token)
    assert admin_scripts.script_nonce() == ""
