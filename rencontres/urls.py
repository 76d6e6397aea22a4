from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from core.kept import kept
from objectives.sitemaps import ObjectiveSitemap, ProgrammeSitemap
from opendata.data_inclusion import data_inclusion_api
from opendata.hsds.api import hsds_api
from opendata.views import dump_file, package_file
from rencontres.api import api
from rencontres.health import healthz
from rencontres.languages import choose_language
from rencontres.sitemaps import TranslatedPageSitemap
from rencontres.web import favicon, robots_txt

SITEMAPS = {
    "pages": TranslatedPageSitemap,
    "programmes": ProgrammeSitemap,
    "objectives": ObjectiveSitemap,
}

# Localized error pages; a database outage answers 503 even when raised outside a view.
handler500 = "rencontres.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("api/hsds/", hsds_api.urls),
    path("api/data-inclusion/v1/", data_inclusion_api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("langue/", choose_language, name="choose_language"),
    # The dump's files are the same in every language.
    path("donnees-ouvertes/hsds/<str:name>", package_file, name="open_data_package_file"),
    path("donnees-ouvertes/<str:name>", dump_file, name="open_data_file"),
    # Organisers' invitations and listing confirmations lead into the admin, in its language.
    path("", include("organisers.urls")),
    path("", include("campaigns.urls")),
    path("", include("orientations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Renditions only, as nginx serves them in production (docs/deploy.md): an original upload is
    # never served, so nothing a rendition leaves out (a discreet place's photo's full frame,
    # its name) can be read from it.
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images"
    )

# The public pages, in each language: French at the root, Dutch under /nl/, English under /en/
# (rencontres/languages.py, docs/languages.md).
urlpatterns += i18n_patterns(
    # The interface's JavaScript strings in the page's language (static/js/*.js call gettext).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    path("", include("rencontres.taxonomy")),
    path("", include("opendata.urls")),
    # Feeds and registrations under page URLs: before Wagtail's catch-all.
    path("", include("activities.urls")),
    path("", include("alerts.urls")),
    path("", include("organisers.report_urls")),
    path("", include("organisers.live_room_urls")),
    # Pages the same for every visitor are kept until a page changes (core.kept).
    re_path(serve_pattern, kept(wagtail_views.serve), name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
