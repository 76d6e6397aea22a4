"""Migrate a database forward, then report what it holds and whether its pages are served.

Run by tests/migrate_forward/test_migrate_forward.py in a subprocess, from the repository root, on a
copy of a database made by an earlier commit (tests/migrate_forward/make_legacy_db.py):

    RENCONTRES_DEBUG=1 RENCONTRES_DATABASE_URL=sqlite:////tmp/copy.sqlite3 \\
    DJANGO_SETTINGS_MODULE=rencontres.settings \\
    .venv/bin/python -m tests.migrate_forward.migrate_and_count \\
        --spec tests/migrate_forward/fixtures/legacy-58976c9.json --out /tmp/report.json

It must keep working while models move between apps (Commune to `gazetteer`, the
santé-parentalité projects to `projects`, ClosurePeriod to `directory`, …): models are found by
their class name in whichever app has them now, never by an import or an app label, and every
check reads the database through those models. Only Django, Wagtail and the model class names
are relied on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path


def model_named(name: str):
    """The one installed model called `name` ("Commune"), whatever its app; or, for a dotted
    name ("auth.Group"), that exact model."""
    from django.apps import apps

    if "." in name:
        return apps.get_model(name)
    found = [model for model in apps.get_models() if model.__name__ == name]
    if len(found) != 1:
        labels = [model._meta.label for model in found]
        raise LookupError(f"expected exactly one model named {name!r}, found {labels}")
    return found[0]


def counts() -> dict[str, int]:
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    def objects(name: str):
        return model_named(name)._default_manager

    def m2m_rows(model_name: str, field: str) -> int:
        return getattr(model_named(model_name), field).through._default_manager.count()

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    revisions = objects("wagtailcore.Revision")
    users = get_user_model()._default_manager
    return {
        # The French tree: the migrations add the home and directory pages' Dutch and English
        # translations beside it (counted apart, below).
        "pages": objects("wagtailcore.Page").filter(locale__language_code="fr").count(),
        "home_pages": objects("HomePage").filter(locale__language_code="fr").count(),
        "place_index_pages": objects("PlaceIndexPage").filter(locale__language_code="fr").count(),
        "places": objects("PlacePage").count(),
        "places_live": objects("PlacePage").filter(live=True).count(),
        "places_discreet": objects("PlacePage").filter(is_discreet=True).count(),
        "place_programme_links": m2m_rows("PlacePage", "programmes"),
        "place_objective_links": m2m_rows("PlacePage", "objectives"),
        "opening_hours": objects("OpeningHours").count(),
        "closures": objects("ClosurePeriod").count(),
        "trusted_places": objects("TrustedPlace").count(),
        "programmes": objects("Programme").count(),
        "objectives": objects("Objective").count(),
        "languages": objects("Language").count(),
        "accessibility_features": objects("AccessibilityFeature").count(),
        "activities": objects("ActivityPage").count(),
        "activities_live": objects("ActivityPage").filter(live=True).count(),
        "activity_excluded_dates": objects("ActivityExcludedDate").count(),
        "activity_added_dates": objects("ActivityAddedDate").count(),
        "sessions": objects("Occurrence").count(),
        "sessions_cancelled": objects("Occurrence").filter(is_cancelled=True).count(),
        "sessions_cancelled_manually": objects("Occurrence")
        .filter(cancelled_manually=True)
        .count(),
        "sessions_in_closure": objects("Occurrence").filter(closure__isnull=False).count(),
        "sessions_withdrawn": objects("Occurrence").filter(withdrawn=True).count(),
        "registrations": objects("Registration").count(),
        "registrations_confirmed": objects("Registration").filter(status="confirmed").count(),
        "registrations_waiting": objects("Registration").filter(status="waiting").count(),
        "registrations_cancelled": objects("Registration").filter(status="cancelled").count(),
        "projects": objects("HealthParentingProject").count(),
        "project_consultations": objects("ProjectConsultation").count(),
        "project_places": objects("ProjectPlace").count(),
        "project_tms_referents": objects("TMSReferent").count(),
        "project_objective_links": m2m_rows("HealthParentingProject", "objectives"),
        "communes": objects("Commune").count(),
        "postal_codes": objects("PostalCode").count(),
        "geocoded_addresses": objects("GeocodedAddress").count(),
        "users": users.count(),
        "superusers": users.filter(is_superuser=True).count(),
        "groups": objects("auth.Group").count(),
        "group_page_permissions": objects("wagtailcore.GroupPagePermission").count(),
        "page_revisions": revisions.filter(base_content_type=page_type).count(),
        "snippet_revisions": revisions.exclude(base_content_type=page_type).count(),
        "page_log_entries": objects("wagtailcore.PageLogEntry").count(),
        "model_log_entries": objects("wagtailcore.ModelLogEntry").count(),
        "workflows": objects("wagtailcore.Workflow").count(),
    }


# Columns that exist at the legacy commit, for the rows a move must keep as they are. A digest
# of the sorted rows: equal digests mean the same rows with the same values.
FINGERPRINTS = {
    "Commune": ["pk", "country", "code", "name_fr", "name_nl", "latitude", "longitude"],
    "PostalCode": ["pk", "country", "code", "locality", "commune_id"],
    "ClosurePeriod": ["pk", "place_id", "start_date", "end_date", "reason"],
    "Occurrence": ["pk", "activity_id", "place_id", "date", "is_cancelled", "closure_id"],
    "Registration": ["pk", "occurrence_id", "status", "email", "children_count"],
    "HealthParentingProject": ["pk", "name", "status", "start_date", "public_summary", "notes"],
    "ProjectConsultation": ["pk", "project_id", "consultation_id", "sort_order"],
    "ProjectPlace": ["pk", "project_id", "place_id", "relation", "sort_order"],
    "TMSReferent": ["pk", "project_id", "name", "phone", "email"],
    "PlacePage": ["pk", "title", "commune_id", "postcode", "is_discreet"],
}


def fingerprints() -> dict[str, str]:
    result = {}
    for name, fields in FINGERPRINTS.items():
        rows = model_named(name)._default_manager.order_by("pk").values_list(*fields)
        digest = hashlib.sha256()
        for row in rows:
            digest.update(json.dumps([str(value) for value in row]).encode())
        result[name] = digest.hexdigest()
    return result


def model_of(content_type) -> str:
    model = content_type.model_class()
    return model.__name__ if model else f"?{content_type.app_label}.{content_type.model}"


def group_permissions() -> dict[str, list[str]]:
    """Each group's permissions as "ModelClass.codename": stable across a move of the model."""
    Group = model_named("auth.Group")
    result = {}
    for group in Group.objects.prefetch_related("permissions__content_type").order_by("name"):
        result[group.name] = sorted(
            f"{model_of(p.content_type)}.{p.codename}" for p in group.permissions.all()
        )
    return result


def content_type_problems() -> dict[str, list[str]]:
    """Content types left behind by a move (the model's old app label), two rows for one model
    name, and rows elsewhere that point at a content type whose model is gone."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    all_types = list(ContentType.objects.order_by("app_label", "model"))
    stale = [f"{ct.app_label}.{ct.model}" for ct in all_types if ct.model_class() is None]
    by_name: dict[str, list[str]] = {}
    for ct in all_types:
        by_name.setdefault(ct.model, []).append(ct.app_label)
    duplicated = [f"{name}: {labels}" for name, labels in by_name.items() if len(labels) > 1]

    resolvable = {ct.pk for ct in all_types if ct.model_class() is not None}
    dangling = []
    seen_columns = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.local_concrete_fields:
            if not (field.is_relation and field.related_model is ContentType):
                continue
            if (model._meta.db_table, field.column) in seen_columns:
                continue
            seen_columns.add((model._meta.db_table, field.column))
            used = set(
                model._default_manager.exclude(**{f"{field.attname}__isnull": True})
                .values_list(field.attname, flat=True)
                .distinct()
            )
            for pk in sorted(used - resolvable):
                dangling.append(f"{model._meta.label}.{field.name} -> content type #{pk}")
    return {"stale": stale, "duplicated": duplicated, "dangling": dangling}


def revision_problems() -> list[str]:
    """Every revision's object must still exist and its content still load into its model."""
    from django.core.exceptions import FieldDoesNotExist

    Revision = model_named("wagtailcore.Revision")
    problems = []
    for revision in Revision.objects.select_related("content_type").order_by("pk"):
        model = revision.content_type.model_class()
        if model is None:
            problems.append(f"revision {revision.pk}: no model for its content type")
            continue
        if not model._default_manager.filter(pk=revision.object_id).exists():
            problems.append(f"revision {revision.pk}: {model.__name__} {revision.object_id} gone")
            continue
        try:
            revision.as_object()
        # What a revision whose content no longer fits its model raises (a field gone, a
        # value of another type); anything else stops the run, which fails the test too.
        except (LookupError, TypeError, ValueError, AttributeError, FieldDoesNotExist) as error:
            problems.append(f"revision {revision.pk} ({model.__name__}): {error!r}")
    return problems


def access_modes() -> dict:
    """The places' access modes, which replaced one value per place: how many places have
    none, and whether each place's modes are among its programmes'."""
    PlacePage = model_named("PlacePage")
    places = PlacePage._default_manager.prefetch_related("programmes", "access_modes")
    without, foreign = [], []
    for place in places:
        modes = list(place.access_modes.all())
        if not modes:
            without.append(place.title)
        programmes = {programme.pk for programme in place.programmes.all()}
        foreign += [place.title for mode in modes if mode.programme_id not in programmes]
    return {"places_without": without, "outside_programmes": foreign}


def fetch(client, url: str, contains: list[str]) -> dict:
    response = client.get(url)
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    return {
        "url": url,
        "status": response.status_code,
        "missing": [snippet for snippet in contains if snippet not in text],
    }


def serve_pages(spec: dict) -> tuple[list[dict], list[dict]]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.admin.admin_url_finder import AdminURLFinder

    public = Client()
    pages = [fetch(public, item["path"], item.get("contains", [])) for item in spec["urls"]]

    admin = []
    users = get_user_model()._default_manager
    for item in spec.get("admin", []):
        user = users.get(username=item["user"])
        client = Client()
        client.force_login(user)
        if "path" in item:
            url = item["path"]
        else:
            instance = model_named(item["model"])._default_manager.get(pk=item["pk"])
            url = AdminURLFinder(user).get_edit_url(instance)
        label = item.get("path") or f"{item['model']} #{item['pk']}"
        if url is None:
            admin.append({"object": label, "user": item["user"], "url": None, "status": None})
            continue
        result = fetch(client, url, item.get("contains", []))
        admin.append({"object": label, "user": item["user"], **result})
    return pages, admin


def translated_roots() -> list[str]:
    """The home and directory pages' translations the migrations add, as `Model:language`."""
    return sorted(
        f"{name}:{language}"
        for name in ("HomePage", "PlaceIndexPage")
        for language in model_named(name)
        ._default_manager.exclude(locale__language_code="fr")
        .values_list("locale__language_code", flat=True)
    )


def applied_migrations() -> set[tuple[str, str]]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    return set(MigrationRecorder(connection).applied_migrations())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, required=True, help="the fixture's JSON (URLs)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the report")
    parser.add_argument("--no-migrate", action="store_true", help="count only")
    options = parser.parse_args(argv)
    spec = json.loads(options.spec.read_text())

    import django

    django.setup()
    from django.core.management import call_command

    before = applied_migrations()
    if not options.no_migrate:
        call_command("migrate", verbosity=0, interactive=False)
    newly_applied = sorted(f"{app}.{name}" for app, name in applied_migrations() - before)

    # Counted before any request: a login writes a session and a last_login.
    report = {
        "newly_applied_migrations": newly_applied,
        "counts": counts(),
        "translated_roots": translated_roots(),
        "fingerprints": fingerprints(),
        "group_permissions": group_permissions(),
        "content_types": content_type_problems(),
        "revision_problems": revision_problems(),
        "access_modes": access_modes(),
    }
    report["pages"], report["admin"] = serve_pages(spec)
    options.out.write_text(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
