"""Images are stored without their metadata: every original upload and every rendition."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import ExifTags, Image, PngImagePlugin

from core.storage import MetadataFreeStorage, without_metadata

GPS_POINT = (48.0, 36.0, 7.9)


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Appareil"
    exif[ExifTags.Base.Artist] = "Marie Dupont"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_POINT
    return exif


def photo(fmt: str = "JPEG", orientation: int = 1, size=(64, 32), **options) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (10, 120, 130)).save(
        buffer, fmt, exif=camera_exif(orientation).tobytes(), **options
    )
    return buffer.getvalue()


def metadata_of(data: bytes) -> dict:
    image = Image.open(BytesIO(data))
    exif = image.getexif()
    return {
        "tags": dict(exif),
        "gps": dict(exif.get_ifd(ExifTags.IFD.GPSInfo)),
        "info": {k for k in image.info if not k.startswith("jfif")},
        "text": dict(getattr(image, "text", {}) or {}),
        "size": image.size,
        "format": image.format,
    }


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_gps_and_camera_tags_go_orientation_stays(fmt):
    stripped = metadata_of(without_metadata(photo(fmt, orientation=6)))
    assert stripped["gps"] == {}
    assert stripped["tags"] == {ExifTags.Base.Orientation: 6}
    assert stripped["size"] == (64, 32)
    assert stripped["format"] == fmt


def test_jpeg_comment_and_xmp_go():
    data = photo("JPEG", comment=b"chez Marie", xmp=b"<x:xmpmeta>48.6022,2.2850</x:xmpmeta>")
    stripped = without_metadata(data)
    assert b"chez Marie" not in stripped and b"48.6022" not in stripped
    assert metadata_of(stripped)["info"] <= {"dpi", "exif"}


def test_png_text_chunks_go():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Marie Dupont")
    info.add_text("Comment", "48.6022, 2.2850")
    buffer = BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(buffer, "PNG", pnginfo=info)
    stripped = without_metadata(buffer.getvalue())
    assert metadata_of(stripped)["text"] == {}
    assert Image.open(BytesIO(stripped)).mode == "RGBA"


def test_an_image_without_metadata_is_stored_byte_for_byte():
    buffer = BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "JPEG")
    data = buffer.getvalue()
    assert without_metadata(data) is data


def test_other_files_are_stored_as_they_are(tmp_path):
    storage = MetadataFreeStorage(location=tmp_path)
    pdf = b"%PDF-1.4 Author (Marie Dupont)"
    name = storage.save("documents/notice.pdf", ContentFile(pdf))
    assert (tmp_path / name).read_bytes() == pdf
    # Not an image, whatever its name says: kept as it is.
    name = storage.save("images/faux.jpg", ContentFile(b"not an image"))
    assert (tmp_path / name).read_bytes() == b"not an image"


@pytest.mark.django_db
def test_wagtail_original_and_renditions_hold_no_position(settings, tmp_path):
    from wagtail.images.models import Image as WagtailImage

    settings.MEDIA_ROOT = tmp_path
    image = WagtailImage(title="Salle")
    image.file = ImageFile(BytesIO(photo("JPEG", orientation=6, size=(640, 480))), name="s.jpg")
    image.save()
    original = (tmp_path / image.file.name).read_bytes()
    assert metadata_of(original)["gps"] == {}
    assert metadata_of(original)["tags"] == {ExifTags.Base.Orientation: 6}
    for spec in ("fill-480x320", "max-165x165", "width-800|format-webp"):
        rendition = image.get_rendition(spec)
        stored = metadata_of((tmp_path / rendition.file.name).read_bytes())
        assert stored["gps"] == {}, spec
        assert not (set(stored["tags"]) - {ExifTags.Base.Orientation}), spec
    # Wagtail turned the picture upright: the rendition is portrait, like the photo.
    upright = image.get_rendition("max-400x400")
    assert upright.height > upright.width
