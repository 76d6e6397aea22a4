"""The demo's texts in families' languages (issue 29, docs/languages-families.md): the first
demo places and an activity translated into Arabic (right to left) and Turkish, through
wagtail-localize's own copy, each marked with who made it — the team, a volunteer, a machine
draft not yet reviewed — and one left stale (its French page published after it). Open one
with `?content=ar` (or the links on its page).

Once: a place or an activity that already has a translation in that language is left alone, so
a second run writes nothing twice."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from wagtail.models import Locale, Page

from activities.models import ActivityPage
from core.models import TextOrigin, TranslationMark
from directory.models import PlacePage
from rencontres.demo.projects import demo_places_queryset

PLACE_TEXTS = {
    "ar": (
        "مكان لقاء الأطفال والآباء",
        "<p>مكان مجاني للأطفال الصغار (من 0 إلى 3 سنوات) مع أحد والديهم. تعالوا متى شئتم، "
        "بدون موعد وبدون ذكر أسمائكم. نلعب، نتحدث، ونلتقي بعائلات أخرى.</p>",
    ),
    "tr": (
        "Çocuk ve ebeveyn buluşma yeri",
        "<p>Küçük çocuklar (0-3 yaş) ve ebeveynleri için ücretsiz bir yer. Randevusuz ve "
        "isim vermeden istediğiniz zaman gelin: oynayın, konuşun, başka ailelerle tanışın.</p>",
    ),
}
ACTIVITY_TEXTS = {
    "ar": ("ورشة للآباء والأطفال", "<p>ورشة لعب وغناء للأطفال الصغار مع والديهم.</p>"),
}
# (place's rank among the demo places, language, who made it, stale).
PLACES = [
    (0, "ar", TextOrigin.ORGANISER, False),
    (0, "tr", TextOrigin.MACHINE, False),
    (1, "ar", TextOrigin.VOLUNTEER, True),
    (2, "tr", TextOrigin.VOLUNTEER, False),
]


def _translate(page: Page, language: str, title: str, description: str, origin: str) -> Page | None:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or page.has_translation(locale):
        return None
    # Its untranslated parents come along as aliases, as wagtail-localize makes them.
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = f"{title} — {page.title}"
    translated.description = description
    translated.save_revision().publish()
    translated.refresh_from_db()
    TranslationMark.objects.update_or_create(page=translated, defaults={"origin": origin})
    return translated


def seed_translations(parent) -> int:
    """Translate the first demo places and one activity; the number of translations made."""
    places = list(demo_places_queryset(parent).live().order_by("path")[:3])
    made = 0
    with transaction.atomic():
        for rank, language, origin, stale in PLACES:
            if rank >= len(places):
                continue
            translated = _translate(places[rank], language, *PLACE_TEXTS[language], origin)
            if translated is None:
                continue
            made += 1
            if stale:
                # The French page published after the translation: the text may differ.
                PlacePage.objects.filter(pk=places[rank].pk).update(
                    last_published_at=translated.last_published_at + timedelta(minutes=1)
                )
        activity = (
            ActivityPage.objects.live().child_of(places[0]).order_by("path").first()
            if places
            else None
        )
        if activity is not None:
            title, description = ACTIVITY_TEXTS["ar"]
            if _translate(activity, "ar", title, description, TextOrigin.VOLUNTEER):
                made += 1
    return made
