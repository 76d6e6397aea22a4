"""Pages of a list, as templates/includes/pagination.html links them. A page's link keeps the rest
of the query string, so that moving through the pages never drops a filter."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict


def page_url(params: QueryDict, number: int) -> str:
    query = params.copy()
    query.setlist("page", [str(number)])
    return "?" + urlencode(sorted(query.lists()), doseq=True)


class LinkedPage(Page):
    paginator: LinkedPaginator

    @property
    def previous_url(self) -> str | None:
        if not self.has_previous():
            return None
        return page_url(self.paginator.params, self.previous_page_number())

    @property
    def next_url(self) -> str | None:
        if not self.has_next():
            return None
        return page_url(self.paginator.params, self.next_page_number())


class LinkedPaginator(Paginator):
    """Django's paginator, whose pages know the URLs of their neighbours."""

    def __init__(self, object_list, per_page, params: QueryDict, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.params = params

    def _get_page(self, *args, **kwargs) -> LinkedPage:
        return LinkedPage(*args, **kwargs)


def linked_page(rows, per_page: int, request: HttpRequest) -> LinkedPage:
    """The page of `rows` the request's `page` parameter asks (the last for one past it, the
    first for anything else), linked to its neighbours."""
    return LinkedPaginator(rows, per_page, request.GET).get_page(request.GET.get("page"))
