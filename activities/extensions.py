"""What an activity page shows of the layers above activities, through a Wagtail hook (so this
app never imports them), as `directory.extensions` does for the place page:

- ``activity_page_sections``: ``fn(activity, request) -> str`` returns a rendered section of
  the public activity page ("" when it has nothing to show), in hook order.
"""

from __future__ import annotations

from wagtail import hooks

ACTIVITY_PAGE_SECTIONS = "activity_page_sections"


def render_activity_sections(activity, request) -> list[str]:
    sections = (section(activity, request) for section in hooks.get_hooks(ACTIVITY_PAGE_SECTIONS))
    return [html for html in sections if html]
