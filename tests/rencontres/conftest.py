import pytest

from tests.rencontres.admin_login import PASSWORD, STAFF_NAME


@pytest.fixture
def staff(django_user_model):
    """A staff account whose password is `PASSWORD`."""
    return django_user_model.objects.create_user(STAFF_NAME, password=PASSWORD, is_staff=True)


@pytest.fixture
def behind_nginx(settings):
    """The site behind one proxy, and django-axes' lock after ten wrong passwords for a user
    name (the throttling tests use it for all their tests: `pytestmark`)."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 10
