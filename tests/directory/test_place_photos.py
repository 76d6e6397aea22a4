"""A discreet place's photo: the public page shows renditions only, and none holds the position
the camera wrote (the probe found 48.6022, 2.2850 in a rendition)."""

import re
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import ExifTags, Image

from directory.models import PlacePhoto
from tests.factories import PlacePageFactory, publish

pytestmark = pytest.mark.django_db


def photo_with_position() -> BytesIO:
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 36.0, 7.92)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 17.0, 6.0)
    data = BytesIO()
    Image.new("RGB", (1200, 900), (200, 180, 90)).save(data, "JPEG", exif=exif.tobytes())
    data.seek(0)
    return data


def test_discreet_place_photo_is_served_as_renditions_without_position(
    client, commune, settings, tmp_path
):
    from wagtail.images.models import Image as WagtailImage

    settings.MEDIA_ROOT = tmp_path
    place = PlacePageFactory(title="Le Passage", commune=commune, is_discreet=True)
    image = WagtailImage(title="Accueil")
    image.file = ImageFile(photo_with_position(), name="le-passage-accueil.jpg")
    image.save()
    PlacePhoto.objects.create(place=place, image=image, alt_text="L'accueil", sort_order=0)
    publish(place)

    html = client.get(place.url).content.decode()
    sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
    photos = [src for src in sources if src.startswith(settings.MEDIA_URL)]
    assert photos, html
    assert "original_images" not in html
    for src in photos:
        assert src.startswith(f"{settings.MEDIA_URL}images/")
        stored = Image.open(tmp_path / src.removeprefix(settings.MEDIA_URL))
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    # The original itself holds no position either.
    original = Image.open(tmp_path / image.file.name)
    assert not original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
