import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rencontres.settings")
application = get_asgi_application()

from rencontres.sites import apply_base_url_at_start  # noqa: E402

apply_base_url_at_start()
