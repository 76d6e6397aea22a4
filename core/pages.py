"""Page shapes several apps share, and how a page is served in a language it has no translation
in (docs/languages-content.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import SiteRootPath

from core.absolute import base_url


def visitor_language() -> str:
    """The language of the visitor's interface, one of the site's three: a family's language
    (Arabic…) is asked for a page's text only (core.content_languages)."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    codes = [code for code, _name in settings.INTERFACE_LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def in_source_language(pages: QuerySet) -> QuerySet:
    """The French pages: one per place or activity, whatever was translated (a translation is a
    page of its own, which lists, counts and exports must not take for another place)."""
    # A subquery rather than a join: the full-text search plans stay as they were.
    return pages.filter(locale__in=Locale.objects.filter(language_code=settings.LANGUAGE_CODE))


def with_urls_at_hand(pages: Iterable[Page]) -> None:
    """The site's root paths read once for pages whose URLs are about to be asked outside a
    request (a page of search results): otherwise each page instance reads them from the
    shared cache, which in production is one Redis round trip per URL (34 in a places API
    answer). Wagtail keeps them on the instance under this name when no request is given."""
    pages = list(pages)
    if not pages:
        return
    root_paths = Site.get_site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths


@dataclass(frozen=True)
class PageUrls:
    url: str
    full_url: str


def in_visitor_language(path: str, root_language: str) -> str:
    """A page's path as the visitor asks it: a French page's under the visitor's language
    prefix (`TranslatedTreeMixin`)."""
    language = visitor_language()
    if root_language == settings.LANGUAGE_CODE and language != settings.LANGUAGE_CODE:
        return f"/{language}{path}"
    return path


def page_urls(url_path: str, root_paths: Sequence[SiteRootPath]) -> PageUrls | None:
    """The `url` and `full_url` Wagtail gives a page of the translated tree, from its
    `url_path` and the sites' root paths (`Site.get_site_root_paths()`), without the page:
    Wagtail's `Page.get_url_parts` and `get_url` without a request, then
    `TranslatedTreeMixin.get_url_parts`. None when the page is in no site."""
    relevant = [root for root in root_paths if url_path.startswith(root.root_path)]
    if not relevant:
        return None
    site_id, root_path, root_url, language_code = relevant[0]
    try:
        if get_supported_content_language_variant(translation.get_language()) == language_code:
            language_code = translation.get_language()
    except LookupError:
        # The active language is no content language: the root's stays, as in Wagtail.
        pass
    try:
        with translation.override(language_code):
            path = reverse("wagtail_serve", args=(url_path[len(root_path) :],))
    except NoReverseMatch:
        return None
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
        path = path.rstrip("/")
    path = in_visitor_language(path, relevant[0].language_code)
    one_site = len({root.site_id for root in root_paths}) == 1
    full_url = public_root_url(root_url, one_site) + path
    return PageUrls(url=path if one_site else full_url, full_url=full_url)


def public_root_url(root_url: str, one_site: bool) -> str:
    """Where absolute addresses start: `RENCONTRES_BASE_URL` for the one site, never the
    request's host (behind the proxy that is `127.0.0.1:…`) nor only the Site's hostname and
    port (which cannot say https on a port other than 443); a site of several keeps its own."""
    return base_url() if one_site else root_url


def localized_url(page: Page, base_url: str) -> str:
    """The full address of `page` in the active language: its live translation's when it has
    one, else its own under the language's prefix (`TranslatedTreeMixin`); what an e-mail links
    to, rendered in the recipient's language (`core.mail.render_email`)."""
    url = page.localized.get_url() or ""
    return url if url.startswith(("http://", "https://")) else base_url.rstrip("/") + url


def keep_in_step(model: type[Page], names: set[str]) -> None:
    """wagtail-localize offers every text field to translators; these stay the French page's
    in every translation: the slug (one address per page in every language, which the language
    switch relies on), an address, a phone number, a code such as an activity's weekdays."""
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    model.translatable_fields = [
        SynchronizedField(field.field_name, overridable=False)
        if field.field_name in names
        else field
        for field in get_translatable_fields(model)
    ]


# What each page model's public page adds to its context, written above the models: the
# presentation (JSON-LD, freshness, upcoming sessions) reads the model, so the model cannot
# import it. The app's `AppConfig.ready()` registers it, as it wires its signal handlers.
_PRESENTERS: dict[type[Page], Callable[[Page, HttpRequest], dict]] = {}


def present(model: type[Page], presenter: Callable[[Page, HttpRequest], dict]) -> None:
    _PRESENTERS[model] = presenter


def presented(page: Page, request: HttpRequest) -> dict:
    """What `page`'s presenter adds to its context: its model's `get_context` asks."""
    return _PRESENTERS[type(page)](page, request)


class TranslatedTreeMixin:
    """French is the canonical tree: every place and activity exists there, and is translated
    only when someone translates it. So that 10,000 places do not become 30,000 pages, a
    translated page whose child has no translation routes to the French page's child (its
    translation when one exists under another slug), and a French page's URL, asked while the
    visitor reads Dutch or English, is the same path under that language's prefix. The page is
    then served with the interface in the visitor's language and a notice that its text is
    French (`page_language` in the context)."""

    @property
    def tree_language(self) -> str:
        """The language of the tree the page is in, read from the site's cached root paths
        rather than asked of the database."""
        roots = self._get_relevant_site_root_paths()
        return roots[0].language_code if roots else self.locale.language_code

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.tree_language == settings.LANGUAGE_CODE:
                raise
            source = self.get_translation_or_none(Locale.get_default())
            child = source and source.get_children().filter(slug=path_components[0]).first()
            if child is None:
                raise
            translated = child.get_translation_or_none(self.locale)
            target = translated if translated is not None and translated.live else child
            target._cached_parent_obj = self
            return target.specific.route(request, path_components[1:])

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, path = parts
        roots = self._get_relevant_site_root_paths(request)
        one_site = len({root.site_id for root in Site.get_site_root_paths()}) == 1
        root_url = public_root_url(root_url, one_site)
        return site_id, root_url, in_visitor_language(path, roots[0].language_code)

    @property
    def source_page(self):
        """The French page this one translates (itself when it is French): what it has beyond
        its text (sessions, registrations, organisers) belongs to that one."""
        if self.tree_language == settings.LANGUAGE_CODE:
            return self
        source = self.get_translation_or_none(Locale.get_default())
        return source.specific if source is not None else self

    @property
    def page_language(self) -> str:
        """The language the page's text is written in: an alias shows its original's."""
        page = self.alias_of.specific if self.alias_of_id else self
        return page.tree_language

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_language"] = self.page_language
        return context


class IntroPage(TranslatedTreeMixin, Page):
    """A title and an introduction, for a page the site has once per language (home, the
    directory root)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Added once; its translations are made by translating it, which this count does not stop.
    max_count = 1

    class Meta:
        abstract = True
