"""A family registering online, as the registration tests drive it: the form they fill in, its
sending, and the link of the e-mail that confirms it."""

import re


def family(n: int, **overrides) -> dict:
    """The registration form as family number `n` fills it in; `overrides` change fields."""
    data = {
        "name": f"Famille {n}",
        "email": f"famille{n}@example.org",
        "phone": "",
        "children_count": "1",
        "children_ages": "18 mois",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, session, data, capture, address="192.0.2.1"):
    """Sends the session's registration form from `address`; the tasks queued on commit (the
    e-mails) run, as the worker would (`capture`: django_capture_on_commit_callbacks)."""
    with capture(execute=True):
        return client.post(session.registration_url, data, REMOTE_ADDR=address)


def manage_link(message) -> str:
    """The link of a confirmation e-mail that shows, and cancels, the registration."""
    return re.search(r"https?://\S+/inscriptions/\S+/", message.body).group(0)
