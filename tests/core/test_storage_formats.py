"""Every stored original is rewritten without metadata whatever its format: a phone's
multi-picture JPEG (MPO), TIFF, HEIF; each test file carries a GPS position in its Exif, and the
stored file carries none (no Exif at all). Wagtail refuses TIFF and HEIC uploads with a message
naming the formats it takes; an MPO photo it takes is stored as its first picture, a JPEG."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from core.storage import MetadataFreeStorage
from tests.core.test_storage import camera_exif

GPS = ExifTags.IFD.GPSInfo
# What a camera writes beside the pixels: none of it may stay.
CAMERA_TAGS = {ExifTags.Base.Make, ExifTags.Base.Artist, ExifTags.Base.ExifOffset, GPS}


def picture(fmt: str) -> bytes:
    """A photo in `fmt` with a GPS position and the camera owner's name in its Exif; an MPO with
    two pictures (a phone's second shot), each with its Exif."""
    buffer = BytesIO()
    first = Image.new("RGB", (64, 32), (10, 120, 130))
    options = {"exif": camera_exif().tobytes()}
    if fmt == "MPO":
        options.update(save_all=True, append_images=[Image.new("RGB", (64, 32), (200, 0, 0))])
    first.save(buffer, fmt, **options)
    data = buffer.getvalue()
    written = Image.open(BytesIO(data))
    # The test file does carry a position, else the test proves nothing.
    assert written.getexif().get_ifd(GPS), fmt
    return data


def assert_no_metadata(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    exif = image.getexif()
    assert exif.get_ifd(GPS) == {}
    assert not set(exif) & CAMERA_TAGS
    assert not image.info.get("exif")
    assert b"Marie Dupont" not in data and b"Appareil" not in data
    return image


@pytest.mark.parametrize(
    "fmt, name, stored_as",
    [
        ("MPO", "photo.jpg", "JPEG"),
        ("TIFF", "scan.tif", "TIFF"),
        ("HEIF", "iphone.heic", "HEIF"),
        ("JPEG", "photo.jpeg", "JPEG"),
        ("PNG", "photo.png", "PNG"),
        ("WEBP", "photo.webp", "WEBP"),
    ],
)
def test_the_stored_original_has_no_position_and_no_exif(tmp_path, fmt, name, stored_as):
    storage = MetadataFreeStorage(location=tmp_path)
    stored = storage.save(f"original_images/{name}", ContentFile(picture(fmt)))
    image = assert_no_metadata((tmp_path / stored).read_bytes())
    assert image.format == stored_as
    assert image.size == (64, 32)
    # A multi-picture file keeps its first picture only: the second shot had its own Exif.
    assert getattr(image, "n_frames", 1) == 1
    assert image.convert("RGB").getpixel((1, 1))[0] < 60


def test_a_photo_under_another_name_is_stripped_too(tmp_path):
    storage = MetadataFreeStorage(location=tmp_path)
    stored = storage.save("documents/notes.txt", ContentFile(picture("MPO")))
    assert_no_metadata((tmp_path / stored).read_bytes())


def upload(name: str, data: bytes):
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    form_class = get_image_form(get_image_model())
    return form_class({"title": "Salle"}, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fmt, name", [("TIFF", "scan.tif"), ("TIFF", "scan.tiff"), ("HEIF", "iphone.heic")]
)
def test_wagtail_refuses_tiff_and_heic_naming_the_formats_it_takes(fmt, name):
    form = upload(name, picture(fmt))
    assert not form.is_valid()
    (error,) = form.errors["file"]
    assert "JPG, JPEG, PNG, WEBP" in error


@pytest.mark.django_db
def test_wagtail_refuses_a_tiff_named_as_a_jpeg():
    form = upload("scan.jpg", picture("TIFF"))
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_wagtail_takes_a_phones_mpo_and_stores_its_first_picture_without_exif(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form = upload("telephone.jpg", picture("MPO"))
    assert form.is_valid(), form.errors
    image = form.save()
    stored = assert_no_metadata((tmp_path / image.file.name).read_bytes())
    assert stored.format == "JPEG"
    rendition = image.get_rendition("max-32x32")
    assert_no_metadata((tmp_path / rendition.file.name).read_bytes())
