from django.urls import path, resolve
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin import register_restricted_menu_item
from rencontres import mail_admin, text_report
from rencontres.staff_home import staff_home_panels
from rencontres.staff_reports import is_report, sees_reports
from rencontres.webhooks_admin import webhook_endpoints


@hooks.register("construct_reports_menu")
def reports_for_staff_only(request, menu_items):
    if not sees_reports(request.user):
        menu_items[:] = [item for item in menu_items if not is_report(resolve(item.url).view_name)]


@hooks.register("register_admin_urls")
def register_undelivered_mail_urls():
    return [
        path("e-mails-non-remis/", mail_admin.delivery_list, name="rencontres_undelivered_mail"),
        path(
            "e-mails-non-remis/<int:pk>/renvoyer/",
            mail_admin.delivery_resend,
            name="rencontres_undelivered_mail_resend",
        ),
        path("sms-envoyes/", text_report.text_report, name="rencontres_text_report"),
    ]


register_restricted_menu_item(
    _("E-mails non remis"), "rencontres_undelivered_mail", mail_admin.can_resend, "mail", order=900
)
register_restricted_menu_item(
    _("SMS envoyés"), "rencontres_text_report", text_report.can_see, "mail", order=901
)

# ONE staff's home: the panels the apps register (core.staff_home).
hooks.register("construct_homepage_panels", staff_home_panels)


# Partners' webhooks: ONE staff register a partner's URL and hand over its secret.
hooks.register("register_admin_viewset", lambda: webhook_endpoints)
