"""In Chromium: a ONE staff member creates a new programme in the admin, with its own two access
modes and an objective, without a line of code; a place of that programme takes one of the
modes; a family on a phone ticks that mode among the map page's filters and finds that place
alone (database engine), which axe-core finds nothing wrong with.

The place itself is made by the factory: the place editor's commune chooser and point picker
have browser tests of their own (test_commune_chooser.py, test_point_picker.py), and the
editor's rule that a place's modes belong to its programmes has its form test
(tests/directory/test_access_modes.py); what only a browser shows here is that a programme, its
modes and its objective are data that staff type in."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, goto_and_settle, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-du-personnel"
PROGRAMME = {
    "name_fr": "Relais parents-enfants en prison",
    "name_nl": "Ouder-kindhuizen in de gevangenis",
    "name_en": "Parent-child visits in prison",
    "slug": "relais-parents-enfants-prison",
    "description_fr": "Des visites accompagnées entre un parent détenu et son enfant.",
}
MODES = [
    {
        "name_fr": "Sur demande du parent détenu",
        "name_nl": "Op vraag van de gedetineerde ouder",
        "name_en": "At the imprisoned parent's request",
        "slug": "demande-du-parent-detenu",
        "reached_by": "La famille prend contact avec le lieu",
    },
    {
        "name_fr": "Sur orientation du service social",
        "name_nl": "Op doorverwijzing van de sociale dienst",
        "name_en": "Referred by the social service",
        "slug": "orientation-service-social",
        "reached_by": "Un juge ou un professionnel adresse la famille",
    },
]
OBJECTIVE = {
    "name_fr": "Garder le lien malgré la détention",
    "name_en": "Keeping in touch despite prison",
    "slug": "lien-malgre-la-detention",
    "description_fr": "Que l'enfant garde un lien avec son parent détenu.",
}


@pytest.fixture
def staff(transactional_db, django_user_model):
    from django.contrib.auth.models import Group

    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles

    ensure_staff_roles()
    user = django_user_model.objects.create_user("personnel", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return user


def add_snippet(
    page, base_url: str, model: str, values: dict, selects: dict, programme: str = ""
) -> str:
    """Fill the admin's add form of `model` (its programme, if any, through the snippet
    chooser), save, and return the listing's text."""
    page.goto(f"{base_url}/admin/snippets/objectives/{model}/add/")
    for name, value in values.items():
        page.fill(f"#id_{name}", value)
    for name, label in selects.items():
        page.select_option(f"#id_{name}", label=label)
    if programme:
        page.locator("#id_programme-chooser .unchosen [data-chooser-action-choose]").click()
        modal = page.locator(".modal-content")
        modal.get_by_role("link", name=programme).click()
        modal.wait_for(state="detached")
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name="Enregistrer").click()
    if not page.url.endswith(f"/admin/snippets/objectives/{model}/"):
        # Refused: the form's messages say why, in the test's failure.
        return page.locator("main").inner_text()
    return page.locator("table.listing").inner_text()


def staff_create_programme(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "personnel")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        listings = {
            "programme": add_snippet(
                page, base_url, "programme", PROGRAMME, {"country": "Belgique"}
            )
        }
        for mode in MODES:
            values = {key: value for key, value in mode.items() if key != "reached_by"}
            listings[mode["slug"]] = add_snippet(
                page,
                base_url,
                "accessmode",
                values,
                {"reached_by": mode["reached_by"]},
                programme=PROGRAMME["name_fr"],
            )
        listings["objective"] = add_snippet(
            page, base_url, "objective", OBJECTIVE, {}, programme=PROGRAMME["name_fr"]
        )
        return {"listings": listings, "js_errors": list(page.js_errors)}


def family_filters_on_the_mode(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE) as page:
        goto_and_settle(page, base_url + "/lieux/")
        page.locator("summary", has_text="Affiner").click()
        filters = page.locator("fieldset", has_text="Comment y entrer")
        offered = filters.locator("label").all_inner_texts()
        filters.get_by_label(MODES[1]["name_fr"]).check()
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_function(f"() => location.search.includes('{MODES[1]['slug']}')")
        page.wait_for_function(
            "() => document.querySelector('[data-result-count]').textContent.includes('1 lieu')"
        )
        page.wait_for_load_state("networkidle")
        return {
            "url": page.url,
            "offered": [text.strip() for text in offered],
            "list": page.locator("[data-result-list] h3").all_inner_texts(),
            "card": page.locator("[data-result-list] li").first.inner_text(),
            "violations": Axe().run(page).response["violations"],
            "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
            "js_errors": list(page.js_errors),
        }


def test_staff_add_a_programme_with_its_modes_and_a_family_finds_it_by_mode(
    live_server, staff, commune, chromium
):
    from objectives.models import AccessMode, Objective, Programme
    from tests.factories import PlacePageFactory

    created = chromium.run(staff_create_programme, live_server.url)
    assert created["js_errors"] == []
    assert PROGRAMME["name_fr"] in created["listings"]["programme"]
    for mode in MODES:
        assert mode["name_fr"] in created["listings"][mode["slug"]]
    assert OBJECTIVE["name_fr"] in created["listings"]["objective"]
    programme = Programme.objects.get(slug=PROGRAMME["slug"])
    assert programme.country == "BE"
    modes = list(programme.access_modes.order_by("pk"))
    assert [m.slug for m in modes] == [m["slug"] for m in MODES]
    assert [m.name_nl for m in modes] == [m["name_nl"] for m in MODES]
    assert [m.reached_by for m in modes] == ["family_asks", "professional"]
    assert Objective.objects.get(slug=OBJECTIVE["slug"]).programme == programme

    # Two places of the new programme, one per mode, and one of another programme.
    found = PlacePageFactory(
        title="Relais de Lantin",
        commune=commune,
        programmes=[programme],
        objectives=[Objective.objects.get(slug=OBJECTIVE["slug"])],
        access_modes=[modes[1]],
    )
    PlacePageFactory(
        title="Relais de Haren", commune=commune, programmes=[programme], access_modes=[modes[0]]
    )
    PlacePageFactory(title="Le Nid", commune=commune)

    result = chromium.run(family_filters_on_the_mode, live_server.url)
    assert f"access={MODES[1]['slug']}" in result["url"]
    # The new modes are offered beside the seeded ones, without any code naming them.
    assert {m["name_fr"] for m in MODES} <= set(result["offered"])
    assert set(AccessMode.objects.values_list("name_fr", flat=True)) == set(result["offered"])
    assert result["list"] == [found.title]
    # The card says the mode in its sentence: the place is free, the mode may not say so.
    assert MODES[1]["name_fr"] in result["card"]
    assert result["violations"] == [], axe_report(result["violations"])
    assert result["scroll_width"] <= PHONE["width"]
    assert result["js_errors"] == []
