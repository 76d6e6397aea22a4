"""The Content-Security-Policy holds in Chromium: the admin's screens and the public pages load,
draw their maps and open their previews and choosers without a single policy violation.

Violations are collected two ways: the `securitypolicyviolation` events the document fires (a
listener installed before any page script runs) and Chromium's console reports.
"""

from __future__ import annotations

from io import BytesIO

import pytest

from tests.browser.conftest import DESKTOP, offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-de-test-42"
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def admin_world(transactional_db, django_user_model, settings, tmp_path, commune):
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    from directory.models import PlacePhoto
    from tests.factories import ActivityPageFactory, PlacePageFactory, publish

    settings.MEDIA_ROOT = tmp_path / "media"
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    place = PlacePageFactory(title="La Maison des Petits Pas", commune=commune)
    data = BytesIO()
    PillowImage.new("RGB", (640, 480), "teal").save(data, "JPEG")
    image = Image(title="Salle de jeux")
    image.file = ImageFile(data, name="salle.jpg")
    image.save()
    PlacePhoto.objects.create(place=place, image=image, alt_text="La salle de jeux", sort_order=0)
    publish(place)
    activity = publish(ActivityPageFactory(parent=place, title="Matinée passerelle"))
    # The place's Dutch copy, made by wagtail-localize: its editor is wagtail-localize's.
    source, _ = TranslationSource.get_or_create_from_instance(place)
    Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="nl")
    ).save_target(publish=True)
    dutch = place.get_translation(Locale.objects.get(language_code="nl"))
    return {"place": place, "activity": activity, "image": image, "dutch": dutch}


def admin_paths(world) -> list[str]:
    place, activity, image = world["place"], world["activity"], world["image"]
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{place.get_parent().pk}/",
        f"/admin/pages/{place.pk}/edit/",
        f"/admin/pages/{activity.pk}/edit/",
        f"/admin/pages/add/activities/activitypage/{place.pk}/",
        "/admin/images/",
        f"/admin/images/{image.pk}/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/couverture/",
        "/admin/lieux/import/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/reports/site-history/",
        # wagtail-localize's screens write inline scripts (rencontres/admin_scripts.py).
        f"/admin/localize/submit/page/{place.pk}/",
        f"/admin/pages/{world['dutch'].pk}/edit/",
    ]


def public_paths(world) -> list[str]:
    return ["/", "/lieux/", world["place"].url, world["activity"].url]


# Wagtail's focal-point editor (/admin/images/<id>/) bundles Jcrop, which probes for touch support
# by setting an `ontouchstart="return;"` attribute on a detached element and checking whether it
# became a function. The admin allows no inline handler, so the probe is blocked (reported) and
# answers "no touch", as it would on a desktop browser anyway: the editor works. Nothing else may
# be blocked.
JCROP_TOUCH_PROBE = (
    "script-src-attr blocked inline at {base}/static/wagtailimages/js/vendor/jquery.Jcrop.min.js:"
)


def known(violation: str, base_url: str) -> bool:
    return violation.startswith(JCROP_TOUCH_PROBE.format(base=base_url))


def visit_all(browser, base_url: str, paths: list[str], public: list[str]) -> dict:
    found: dict = {"violations": {}, "console": [], "status": {}, "js_errors": []}
    with offline_page(browser, base_url, DESKTOP) as page:
        page.context.add_init_script(COLLECT_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                found["console"].append(message.text)
                if "Content Security Policy" in message.text
                and not (
                    "inline event handler" in message.text
                    and page.url.rstrip("/").rsplit("/", 2)[-2] == "images"
                )
                else None
            ),
        )

        def visit(path: str) -> None:
            response = page.goto(base_url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            found["status"][path] = response.status if response else 0
            found["violations"][path] = [
                violation
                for violation in page.evaluate("window.__cspViolations")
                if not known(violation, base_url)
            ]

        for path in public:
            visit(path)
        visit("/admin/login/")
        page.locator("input[name=username]").fill("admin")
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state("load")
        for path in paths:
            visit(path)

        # The place editor: its point-picker map, then the preview panel (a same-origin frame).
        place_edit = paths[3]
        visit(place_edit)
        found["picker_tiles"] = page.locator(".map--picker .leaflet-tile, .leaflet-tile").count()
        page.locator("[data-side-panel-toggle='preview']").first.click()
        page.wait_for_function(
            """() => [...document.querySelectorAll("iframe.w-preview__iframe")].some(
                (frame) => frame.contentDocument && frame.contentDocument.querySelector("h1"))""",
            timeout=20_000,
        )
        page.wait_for_load_state("networkidle")
        found["preview_title"] = page.evaluate(
            """() => [...document.querySelectorAll("iframe.w-preview__iframe")]
                .map((frame) => frame.contentDocument && frame.contentDocument.querySelector("h1"))
                .filter(Boolean)[0].textContent.trim()"""
        )
        found["violations"][place_edit + " (preview)"] = page.evaluate("window.__cspViolations")

        # The image chooser of a new photo, a modal built from an HTML answer.
        page.locator("#id_photos-ADD").click()
        page.locator("[data-chooser-action-choose]:visible").last.click()
        modal = page.locator(".modal-dialog:visible, [role=dialog]:visible").first
        modal.wait_for(timeout=15_000)
        modal.locator("img").first.wait_for(timeout=15_000)
        page.wait_for_load_state("networkidle")
        found["chooser_images"] = modal.locator("img").count()
        found["violations"][place_edit + " (image chooser)"] = page.evaluate(
            "window.__cspViolations"
        )

        # wagtail-localize's translation editor of the Dutch copy (an inline script and a React
        # application; its submission screen, with an inline script too, is in `paths`).
        visit(paths[-1])
        # The React editor has drawn itself beside the CSRF input the page gives it.
        page.wait_for_function(
            """() => document.querySelector(".js-translation-editor")?.children.length > 1""",
            timeout=20_000,
        )
        found["translation_editor"] = page.url
        found["violations"]["translation editor"] = [
            violation
            for violation in page.evaluate("window.__cspViolations")
            if not known(violation, base_url)
        ]
        found["js_errors"] = list(page.js_errors)
    return found


def test_admin_and_public_pages_work_under_the_policy(live_server, admin_world, chromium):
    found = chromium.run(
        visit_all, live_server.url, admin_paths(admin_world), public_paths(admin_world)
    )
    assert {path: status for path, status in found["status"].items() if status != 200} == {}
    violations = {path: found for path, found in found["violations"].items() if found}
    assert violations == {}, violations
    assert found["console"] == []
    assert found["js_errors"] == []
    assert found["picker_tiles"] > 0
    assert found["preview_title"] == "La Maison des Petits Pas"
    assert found["chooser_images"] > 0
    assert found["translation_editor"].endswith("/edit/")


def test_every_response_carries_the_policies(client, admin_world):
    for path in ["/", "/lieux/", "/api/v1/places/", "/admin/login/", "/healthz", "/nowhere/"]:
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, path
        assert "frame-ancestors 'none'" in policy, path
        assert "object-src 'none'" in policy, path
        assert "camera=()" in response["Permissions-Policy"], path
        assert "geolocation=(self)" in response["Permissions-Policy"], path


def test_the_preview_may_be_framed_by_the_site_only(client, admin_world, django_user_model):
    client.force_login(django_user_model.objects.get(username="admin"))
    place = admin_world["place"]
    response = client.get(f"/admin/pages/{place.pk}/edit/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    directives = [d.strip() for d in response["Content-Security-Policy"].split(";")]
    assert [d for d in directives if d.startswith("frame-ancestors")] == ["frame-ancestors 'self'"]
