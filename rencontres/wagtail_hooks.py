from django.urls import resolve
from wagtail import hooks

from rencontres.staff_reports import is_report, sees_reports


@hooks.register("construct_reports_menu")
def reports_for_staff_only(request, menu_items):
    if not sees_reports(request.user):
        menu_items[:] = [item for item in menu_items if not is_report(resolve(item.url).view_name)]
