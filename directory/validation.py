from collections.abc import Iterable

from django.utils.translation import gettext as _

from objectives.models import AccessMode, Objective, Programme


def objectives_outside_programmes_errors(
    programmes: Iterable[Programme], objectives: Iterable[Objective]
) -> list[str]:
    """One message per objective that belongs to none of the given programmes, naming it."""
    chosen = {programme.pk for programme in programmes}
    return [
        _("L'objectif « %(objective)s » n'appartient à aucun programme de ce lieu.")
        % {"objective": objective.name_fr}
        for objective in objectives
        if objective.programme_id not in chosen
    ]


def access_modes_outside_programmes_errors(
    programmes: Iterable[Programme], modes: Iterable[AccessMode]
) -> list[str]:
    """One message per access mode that belongs to none of the given programmes, naming it."""
    chosen = {programme.pk for programme in programmes}
    return [
        _("Le mode d'accès « %(mode)s » n'appartient à aucun programme de ce lieu.")
        % {"mode": mode.name_fr}
        for mode in modes
        if mode.programme_id not in chosen
    ]
