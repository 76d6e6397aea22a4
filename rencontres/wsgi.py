import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rencontres.settings")
application = get_wsgi_application()

from rencontres.sites import apply_base_url_at_start  # noqa: E402

apply_base_url_at_start()
