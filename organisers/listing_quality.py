"""What would make an organiser's listings more useful, on their dashboard's « À faire »: each
place that misses a rule of directory.quality, with its score and its first few to-dos in plain
words (« ajoutez un téléphone »), one click to its editor. In the records' queries, whatever
the number of places."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from directory.quality import graded

# A short to-do: the heaviest rules first, the rest once these are done.
TODO_SHOWN = 3
# Said by the dashboard's own item, with its one-click confirmation (organisers.freshness).
SAID_ELSEWHERE = {"recent"}


def quality_attention_items(user, place_ids) -> list[dict]:
    items = []
    for record, quality in sorted(graded(place_ids), key=lambda found: found[0].name):
        todo = [advice for key, advice in quality.todo if key not in SAID_ELSEWHERE]
        if not todo:
            continue
        label = _("Améliorer la fiche de « %(place)s » (%(score)s/100) : %(todo)s") % {
            "place": record.name,
            "score": quality.score,
            "todo": " ; ".join(todo[:TODO_SHOWN]),
        }
        items.append({"label": label, "url": reverse("wagtailadmin_pages:edit", args=[record.id])})
    return items
