"""Uploaded files are stored without the metadata a camera or an editor wrote into images.

A photo of a discreet place may carry its GPS position, the camera owner's name or a thumbnail
of the uncropped frame. Every image file that reaches the media storage (an original upload, each
rendition Wagtail makes of it) goes through `without_metadata` first, so no copy ever holds it:
what stays is the pixels, the colour profile and the orientation (which Wagtail applies when it
makes renditions).

A file that holds no such metadata is stored byte for byte; one that does is re-encoded in its own
format (JPEG with its own quantisation tables, PNG losslessly).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from PIL import ExifTags, Image, UnidentifiedImageError

ORIENTATION = ExifTags.Base.Orientation
# The formats Wagtail accepts and makes renditions in, and how each is written back.
WRITABLE_FORMATS = {"JPEG", "PNG", "WEBP", "AVIF", "GIF"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
# Info keys Pillow fills from metadata segments and chunks.
METADATA_INFO_KEYS = ("xmp", "XML:com.adobe.xmp", "photoshop", "comment", "mp", "extension")
# JPEG application segments that hold no metadata: JFIF, Adobe's colour transform. An ICC profile
# (APP2 "ICC_PROFILE") is kept; Exif (APP1) is judged by its tags.
PLAIN_JPEG_SEGMENTS = {"APP0", "APP14"}


def _exif_has_metadata(image: Image.Image) -> bool:
    exif = image.getexif()
    if set(exif) - {ORIENTATION}:
        return True
    # IFD1 is the embedded thumbnail: the picture before any crop.
    return bool(exif.get_ifd(ExifTags.IFD.IFD1))


def _jpeg_has_other_segments(image: Image.Image) -> bool:
    for marker, data in getattr(image, "applist", []):
        if marker in PLAIN_JPEG_SEGMENTS:
            continue
        if marker == "APP2" and data.startswith(b"ICC_PROFILE"):
            continue
        if marker == "APP1" and data.startswith(b"Exif"):
            continue
        return True
    return False


def has_metadata(image: Image.Image) -> bool:
    if _exif_has_metadata(image) or _jpeg_has_other_segments(image):
        return True
    if any(key in image.info for key in METADATA_INFO_KEYS):
        return True
    # PNG text chunks (tEXt, iTXt, zTXt): authors, software, comments, XMP.
    return bool(getattr(image, "text", None))


def _save_options(image: Image.Image) -> dict:
    options: dict = {}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    orientation = image.getexif().get(ORIENTATION)
    if orientation and orientation != 1:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        options["exif"] = exif.tobytes()
    if image.format == "JPEG":
        options.update(quality="keep", subsampling="keep")
        if image.info.get("progressive"):
            options["progressive"] = True
    elif image.format in {"WEBP", "AVIF"}:
        options["quality"] = 90
        if image.format == "WEBP" and image.info.get("lossless"):
            options["lossless"] = True
    elif image.format in {"PNG", "GIF"} and "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    if getattr(image, "is_animated", False):
        options["save_all"] = True
        for key in ("duration", "loop", "disposal"):
            if key in image.info:
                options[key] = image.info[key]
    return options


def without_metadata(data: bytes) -> bytes:
    """The image in `data` without its metadata; `data` itself when it has none, or when it is
    not an image this module knows how to write back."""
    try:
        image = Image.open(BytesIO(data))
    except UnidentifiedImageError:
        return data
    with image:
        if image.format not in WRITABLE_FORMATS or not has_metadata(image):
            return data
        options = _save_options(image)
        # Pillow writes some info entries back by itself (a JPEG's comment): keep none of them.
        image.info = {key: image.info[key] for key in ("dpi",) if key in image.info}
        output = BytesIO()
        image.save(output, format=image.format, **options)
        return output.getvalue()


class MetadataFreeStorage(FileSystemStorage):
    """The media storage: every image file is stored without its metadata."""

    def _save(self, name, content):
        if PurePath(name).suffix.lower() not in IMAGE_SUFFIXES:
            return super()._save(name, content)
        content.seek(0)
        data = content.read()
        stripped = without_metadata(data)
        if stripped is not data:
            content = ContentFile(stripped)
        else:
            content.seek(0)
        return super()._save(name, content)
