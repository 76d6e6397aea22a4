"""ONE staff's role: the group that curates the taxonomy, keeps projects, sees the coverage
dashboard, imports places and approves organisers' changes through the "Validation ONE"
workflow. It names permissions of every app, hence lives in the top layer; each place's
organiser groups are the directory's (`directory.roles`).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from directory.roles import admin_access, image_permissions, page_permissions, permissions_named
from orientations.roles import ensure_professionals_group

ONE_STAFF_GROUP = "Personnel ONE"
WORKFLOW_NAME = "Validation ONE"

STAFF_MODEL_PERMISSIONS = (
    [
        ("objectives", codename)
        for model in ("programme", "objective", "accessmode")
        for codename in (f"add_{model}", f"change_{model}", f"delete_{model}")
    ]
    + [
        ("directory", codename)
        for model in ("language", "accessibilityfeature", "accompaniment", "requireddocument")
        for codename in (f"add_{model}", f"change_{model}", f"delete_{model}")
    ]
    + [("gazetteer", codename) for codename in ("add_court", "change_court", "delete_court")]
    + [
        ("projects", codename)
        for codename in (
            "add_healthparentingproject",
            "change_healthparentingproject",
            "delete_healthparentingproject",
            "add_programmeterritory",
            "change_programmeterritory",
            "delete_programmeterritory",
        )
    ]
    + [
        ("activities", codename)
        for codename in ("add_trustedplace", "change_trustedplace", "delete_trustedplace")
    ]
    # Who made each translation (organiser, volunteer, machine draft), shown to families.
    + [
        ("core", codename)
        for codename in ("add_translationmark", "change_translationmark", "delete_translationmark")
    ]
    # Staff-only screens: the coverage dashboard and the bulk import of places. Organisers hold
    # neither: they only see their own place's projects, read-only.
    + [("projects", "view_coverage"), ("directory", "import_places")]
    # The queue of likely duplicate places, merged or set aside (docs/duplicates.md).
    + [("directory", "merge_places")]
    # Invite and remove any place's organisers (organisers invite for their own place only),
    # see and revoke pending invitations, record any session's head-count.
    + [
        ("organisers", codename)
        for codename in (
            "manage_invitations",
            "view_invitation",
            "delete_invitation",
            "add_headcount",
            "change_headcount",
            "view_headcount",
            # Every place's problem reports (organisers see their own places' only).
            "view_problemreport",
            "change_problemreport",
        )
    ]
    # Update campaigns: made, started, followed and exported (campaigns/, docs/campaigns.md).
    + [("campaigns", "manage_campaigns")]
    # Invite professionals; see how many orientations each place and objective received, never
    # a family (orientations.access).
    + [
        ("orientations", "invite_professionals"),
        ("orientations", "view_orientation_counts"),
    ]
    # The e-mails that finally failed: seen and resent (core.mail, rencontres/mail_admin.py).
    + [("core", "resend_maildelivery")]
    # The texts sent per programme and month (core.texting, rencontres/text_report.py).
    + [("core", "view_text_report")]
    # Partners' webhooks: registered, changed, removed (core.webhooks, docs/partners-sync.md).
    + [
        ("core", codename)
        for codename in (
            "add_webhookendpoint",
            "change_webhookendpoint",
            "delete_webhookendpoint",
            "view_webhookendpoint",
        )
    ]
    # Translating any page into Dutch or English (docs/languages-content.md).
    + [("wagtail_localize", "submit_translation")]
)
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


@transaction.atomic
def ensure_staff_roles() -> Group:
    """Create or refresh the ONE staff group and the approval workflow on the whole tree."""
    staff, _created = Group.objects.get_or_create(name=ONE_STAFF_GROUP)
    staff.permissions.add(admin_access(), *permissions_named(STAFF_MODEL_PERMISSIONS))
    root = Page.get_first_root_node()
    if root is None:
        return staff
    for permission in page_permissions(STAFF_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=staff, page=root, permission=permission)
    root_collection = Collection.get_first_root_node()
    for permission in image_permissions():
        GroupCollectionPermission.objects.get_or_create(
            group=staff, collection=root_collection, permission=permission
        )

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=_("Approbation par le personnel ONE")
    )
    task.groups.set([staff])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return staff


def ensure_roles_after_migrate(sender, app_config, **kwargs):
    # post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions are
    # created on its own turn: only after the last app do all the permissions the roles use exist.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is with_models[-1]:
        ensure_staff_roles()
        ensure_professionals_group()
