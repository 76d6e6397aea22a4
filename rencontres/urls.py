from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from objectives.sitemaps import ObjectiveSitemap, ProgrammeSitemap
from opendata.data_inclusion import data_inclusion_api
from opendata.hsds.api import hsds_api
from rencontres.api import api
from rencontres.health import healthz
from rencontres.web import favicon, robots_txt

SITEMAPS = {"pages": PageSitemap, "programmes": ProgrammeSitemap, "objectives": ObjectiveSitemap}

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
    path("", include("rencontres.taxonomy")),
    path("", include("opendata.urls")),
    # Feeds and registrations under page URLs: before Wagtail's catch-all.
    path("", include("activities.urls")),
    path("", include("alerts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Renditions only, as nginx serves them in production (docs/deploy.md): an original upload is
    # never served, so nothing a rendition leaves out (a discreet place's photo's full frame,
    # its name) can be read from it.
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images"
    )

urlpatterns += [path("", include(wagtail_urls))]
