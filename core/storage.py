"""Uploaded files are stored without the metadata a camera or an editor wrote into images.

A photo of a discreet place may carry its GPS position, the camera owner's name or a thumbnail
of the uncropped frame. Every image file that reaches the media storage (an original upload, each
rendition Wagtail makes of it) goes through `without_metadata` first, so no copy ever holds it:
what stays is the pixels, the colour profile and the orientation (which Wagtail applies when it
makes renditions).

A file that holds no such metadata is stored byte for byte; one that does is re-encoded in its own
format (JPEG with its own quantisation tables, PNG losslessly). Some formats are always rewritten,
as their first picture only: a phone's multi-picture JPEG (MPO: the other pictures are a depth
map or a second shot, each with its own Exif), TIFF and HEIF (their metadata is not read tag by
tag here). Wagtail refuses TIFF and HEIC uploads (`WAGTAILIMAGES_EXTENSIONS`), with a message
naming the formats it takes; they are rewritten all the same if they reach the storage another
way.

Every file is looked at, whatever its name says (a photo uploaded as a document named .txt too):
Pillow reads only its first bytes to tell whether it is an image of one of these formats.
"""

from __future__ import annotations

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from PIL import ExifTags, Image, UnidentifiedImageError
from PIL.JpegImagePlugin import get_sampling
from pillow_heif import register_heif_opener

# Pillow reads HEIF only through pillow_heif's opener (Willow registers it too, when Wagtail's
# image code is imported first; the storage must not depend on that).
register_heif_opener()

ORIENTATION = ExifTags.Base.Orientation
# The formats read, and the format each is written back in.
WRITTEN_AS = {
    "JPEG": "JPEG",
    # A multi-picture JPEG's first picture is a JPEG of its own.
    "MPO": "JPEG",
    "PNG": "PNG",
    "WEBP": "WEBP",
    "AVIF": "AVIF",
    "GIF": "GIF",
    "TIFF": "TIFF",
    "HEIF": "HEIF",
}
# What Pillow is asked to recognise (its JPEG reader is the one that tells an MPO).
READ_FORMATS = tuple(name for name in WRITTEN_AS if name != "MPO")
# Always rewritten, as their first picture, as a plain image (none of the file's tags follow).
FIRST_PICTURE_ONLY = {"MPO", "TIFF", "HEIF"}
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
    if image.format == "MPO":
        # Pillow keeps a JPEG's tables by name ("keep") for a JPEG only: given, for its picture.
        options.update(qtables=image.quantization, subsampling=get_sampling(image))
    if image.format == "JPEG":
        options.update(quality="keep", subsampling="keep")
    if image.format in {"JPEG", "MPO"}:
        if image.info.get("progressive"):
            options["progressive"] = True
    elif image.format in {"WEBP", "AVIF", "HEIF"}:
        options["quality"] = 90
        if image.format == "WEBP" and image.info.get("lossless"):
            options["lossless"] = True
    elif image.format == "TIFF" and image.info.get("compression") not in (None, "raw"):
        options["compression"] = image.info["compression"]
    elif image.format in {"PNG", "GIF"} and "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    if getattr(image, "is_animated", False) and image.format not in FIRST_PICTURE_ONLY:
        options["save_all"] = True
        for key in ("duration", "loop", "disposal"):
            if key in image.info:
                options[key] = image.info[key]
    return options


def _rewritten(image: Image.Image) -> bytes:
    options = _save_options(image)
    picture = image
    if image.format in FIRST_PICTURE_ONLY:
        image.seek(0)
        if image.format != "MPO":
            # A plain copy: Pillow's TIFF writer copies some of the file's own tags (XMP, IPTC,
            # Photoshop's) from the image it was read as.
            image.load()
            picture = image.copy()
    # Pillow writes some info entries back by itself (a JPEG's comment): keep none of them.
    picture.info = {key: image.info[key] for key in ("dpi",) if key in image.info}
    output = BytesIO()
    picture.save(output, format=WRITTEN_AS[image.format], **options)
    return output.getvalue()


def without_metadata(data: bytes) -> bytes:
    """The image in `data` without its metadata; `data` itself when it has none, or when it is
    not an image of a format this module reads."""
    try:
        image = Image.open(BytesIO(data), formats=READ_FORMATS)
    except UnidentifiedImageError:
        return data
    with image:
        if image.format not in FIRST_PICTURE_ONLY and not has_metadata(image):
            return data
        return _rewritten(image)


def _is_image(content) -> bool:
    """Whether the file is an image of a format read here: Pillow reads its first bytes only."""
    content.seek(0)
    try:
        with Image.open(content, formats=READ_FORMATS):
            return True
    except UnidentifiedImageError:
        return False
    finally:
        content.seek(0)


class MetadataFreeStorage(FileSystemStorage):
    """The media storage: every image file is stored without its metadata, whatever its name."""

    def _save(self, name, content):
        if not _is_image(content):
            return super()._save(name, content)
        data = content.read()
        stripped = without_metadata(data)
        if stripped is not data:
            content = ContentFile(stripped)
        else:
            content.seek(0)
        return super()._save(name, content)
