"""The site's three languages on the public pages: French at the root, Dutch under /nl/, English
under /en/ (docs/languages.md).

Django's LocaleMiddleware reads the language from the URL's prefix. `LanguageChoiceMiddleware`,
right after it, adds what a family expects of a bilingual site:

- a prefix (/nl/, /en/) always wins, and the page remembers it in the language cookie;
- an address without a prefix is French, unless the cookie names another language (the choice
  made earlier wins) or, on a first visit (no cookie), the browser's Accept-Language prefers
  Dutch or English: then the visitor is sent once to the same page under that prefix;
- the French pages remember French the same way, so Accept-Language is read only once;
- a family's language (Arabic…) is never the interface's: `?content=ar` asks for a page's text
  in it (an unknown one is a 400 naming `content`), and a prefix /ar/ leads there.

Only the public pages (the URLs under `i18n_patterns`) take part: the admin, the health check,
the sitemap and the files stay as they are. The JSON API (/api/v1/) answers in the language its
`lang` parameter names, else the one Accept-Language prefers, else French: taxonomy names and
error messages. `alternate_urls` is the one place that names
a page's address in each language: the `hreflang` links and the language switch read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import Resolver404, get_urlconf, resolve, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.absolute import absolute_url
from core.content_languages import CONTENT_PARAMETER, asked_content
from core.search.fields import GIVEN_TWICE

DEFAULT = settings.LANGUAGE_CODE
API_PREFIX = "/api/v1/"
# The interface's languages. settings.LANGUAGES also names the families' languages, which only a
# page's text is written in (core.content_languages): their prefix (/ar/…) opens the page in the
# interface's language with its text in theirs.
CODES = [code for code, _ in settings.INTERFACE_LANGUAGES]


def is_public_page_path(path: str, urlconf: str | None = None) -> bool:
    """True when `path` (without a language prefix) is one of the pages served in every
    language: the same view answers it under a prefix. /api/… under /nl/ would be a Wagtail page
    path instead, and /healthz under /nl/ nothing at all."""
    try:
        with translation.override(DEFAULT):
            plain = resolve(path, urlconf)
        with translation.override(CODES[1]):
            prefixed = resolve(f"/{CODES[1]}{path}", urlconf)
    except Resolver404:
        return False
    return plain.func == prefixed.func and plain.kwargs == prefixed.kwargs


def accepted_language(request: HttpRequest) -> str | None:
    """The first of the site's languages in the browser's Accept-Language, in its order."""
    header = request.headers.get("Accept-Language", "")
    for tag, _quality in parse_accept_lang_header(header):
        code = tag.split("-")[0].lower()
        if code in CODES:
            return code
    return None


def prefixed(path: str, language: str) -> str:
    return path if language == DEFAULT else f"/{language}{path}"


class LanguageChoiceMiddleware:
    """After LocaleMiddleware: the first visit's redirect and the remembered choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            return self.api(request)
        urlconf = getattr(request, "urlconf", None) or get_urlconf()
        from_path = translation.get_language_from_path(request.path_info)
        if from_path is not None and from_path not in CODES:
            return in_family_language(request, from_path)
        public = from_path is not None or is_public_page_path(request.path_info, urlconf)
        # The context processor reads it: resolving twice per page costs about a millisecond.
        request.is_public_page = public
        if not public:
            return self.get_response(request)
        try:
            asked_content(request.GET.getlist(CONTENT_PARAMETER))
        except ValueError as error:
            return HttpResponseBadRequest(f"{CONTENT_PARAMETER}: {error}")
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie not in CODES:
            cookie = None
        if from_path is None:
            wanted = cookie or accepted_language(request) or DEFAULT
            if wanted != DEFAULT and request.method in ("GET", "HEAD"):
                response = HttpResponseRedirect(prefixed(request.get_full_path(), wanted))
                patch_vary_headers(response, ("Cookie", "Accept-Language"))
                return response
        response = self.get_response(request)
        if from_path is None:
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        language = from_path or DEFAULT
        if cookie != language and response.status_code < 400:
            remember(response, language)
        return response

    def api(self, request: HttpRequest) -> HttpResponse:
        asked = request.GET.getlist("lang")
        if len(asked) > 1:
            return JsonResponse({"errors": {"lang": [str(GIVEN_TWICE)]}}, status=400)
        language = asked[0] if asked else None
        if language is not None and language not in CODES:
            return JsonResponse(
                {"errors": {"lang": [_("Langue inconnue : choisissez fr, nl ou en.")]}},
                status=400,
            )
        language = language or accepted_language(request) or DEFAULT
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language",))
        return response


def in_family_language(request: HttpRequest, language: str) -> HttpResponse:
    """/ar/lieux/le-nid/ (a link wagtail-localize gives an Arabic translation): the same page
    with its text in Arabic and the interface in the visitor's language (the address without a
    prefix picks it)."""
    query = request.GET.copy()
    query[CONTENT_PARAMETER] = language
    path = request.path_info[len(language) + 1 :] or "/"
    return HttpResponseRedirect(f"{path}?{query.urlencode()}")


def remember(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str  # path and query, as the switch links to it
    absolute: str  # as the hreflang links give it
    current: bool


def alternate_urls(request: HttpRequest) -> list[Alternate]:
    """The current page, with its query string, in each of the site's languages."""
    full_path = request.get_full_path()
    current = translation.get_language()
    alternates = []
    for code, name in settings.INTERFACE_LANGUAGES:
        url = translate_url(full_path, code)
        alternates.append(Alternate(code, name, url, absolute_url(url), code == current))
    return alternates


def languages(request: HttpRequest) -> dict:
    """Context processor: `alternates` (the current page in each language, for the hreflang
    links and the switch) and `x_default` (the address without a prefix, which picks the
    language itself)."""
    public = getattr(request, "is_public_page", None)
    if public is None:
        public = is_public_page_path(_unprefixed(request.path_info))
    if not public:
        return {}
    return {
        "alternates": SimpleLazyObject(lambda: alternate_urls(request)),
        "x_default": SimpleLazyObject(
            lambda: absolute_url(translate_url(request.get_full_path(), DEFAULT))
        ),
    }


def _unprefixed(path: str) -> str:
    language = translation.get_language_from_path(path)
    if language is None:
        return path
    return path[len(language) + 1 :] or "/"


# No CSRF token: the switch is on every page, which is then the same for every visitor and may
# be kept (core.kept); a forged choice could only change a visitor's language.
@csrf_exempt
@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The language switch's form: remember the language chosen and go to the page in it (the
    switch sends the page's own address in that language, query string included)."""
    language = request.POST.get("language", "")
    if language not in CODES:
        return HttpResponseBadRequest(_("Langue inconnue : choisissez fr, nl ou en."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = prefixed("/", language)
    response = HttpResponseRedirect(next_url)
    remember(response, language)
    return response
