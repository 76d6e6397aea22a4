"""The « Professionnels » group: accounts that orient families to places. It gives the admin's
door and nothing else; what a professional may do is asked of `orientations.access`. Made after
`migrate` by `rencontres.roles`, beside ONE staff's group."""

from __future__ import annotations

from django.contrib.auth.models import Group

from directory.roles import admin_access

PROFESSIONALS_GROUP = "Professionnels"


def ensure_professionals_group() -> Group:
    group, _created = Group.objects.get_or_create(name=PROFESSIONALS_GROUP)
    group.permissions.add(admin_access())
    return group
