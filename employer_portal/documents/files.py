"""What an uploaded file is, decided from its bytes (never its name or the browser's word), and
whether it may be kept. Pure: no Flask, no database.

Accepted: PDF, JPEG and PNG. A HEIC photo (the iPhone's default) is refused with how to send it
instead; a program is refused as a program; anything else as "not a PDF, JPEG or PNG".
"""
from __future__ import annotations

import io
from dataclasses import dataclass

KINDS = {  # kind -> (content type, file extension of the name we serve it under)
    "pdf": ("application/pdf", "pdf"),
    "jpeg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
}
# ISO-BMFF brands of HEIF/HEIC images (bytes 8..12 after "ftyp").
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1", b"avif"}
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe",
                     b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")

MB = 1024 * 1024


class FileRefused(ValueError):
    """The file may not be kept; `reason` is a plain sentence for the worker, `status` the HTTP status."""

    def __init__(self, reason: str, status: int = 422, code: str = "refused"):
        super().__init__(reason)
        self.reason, self.status, self.code = reason, status, code


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    extension: str


def too_large(limit_bytes: int) -> FileRefused:
    return FileRefused(f"This file is larger than {limit_bytes // MB} MB. Please send a smaller file "
                       "(a scan at 150–300 dpi is enough).", 413, "too_large")


def sniff(head: bytes) -> str | None:
    """The kind the first bytes announce: pdf, jpeg, png, heic, executable, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    if head.startswith(_EXECUTABLE_MAGIC):
        return "executable"
    return None


def _image_is_whole(data: bytes) -> bool:
    """Pillow reads the image's structure (a truncated or forged image fails)."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is a dependency
        return True
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except Exception:  # noqa: BLE001 - any decoding error means "not a usable image"
        return False


def check_file(data: bytes, *, max_bytes: int) -> CheckedFile:
    """The file's kind when it may be kept; FileRefused (with the reason) when not."""
    if not data:
        raise FileRefused("The file is empty. Please choose the file again.", code="empty")
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    kind = sniff(data[:32])
    if kind == "heic":
        raise FileRefused("HEIC photos (the iPhone's default format) are not accepted. Please send it as a JPEG "
                          "or PDF: on an iPhone, choose Settings › Camera › Formats › Most Compatible, or share "
                          "the photo as a PDF.", code="heic")
    if kind == "executable":
        raise FileRefused("This file is a program, not a document, whatever its name says. "
                          "Please send a PDF, JPEG or PNG.", code="executable")
    if kind is None:
        raise FileRefused("This file is not a PDF, JPEG or PNG (we look at what the file contains, not at its "
                          "name). Please send the document in one of those formats.", code="unsupported_type")
    if kind == "pdf" and b"%%EOF" not in data[-2048:]:
        raise FileRefused("This PDF is incomplete or damaged. Please save or scan it again.", code="damaged")
    if kind in ("jpeg", "png") and not _image_is_whole(data):
        raise FileRefused("This image is incomplete or damaged. Please take or save it again.", code="damaged")
    content_type, extension = KINDS[kind]
    return CheckedFile(kind, content_type, extension)


def label_of(name: str | None) -> str:
    """The uploaded name, kept only as a label to show: last path segment, no control characters,
    at most 255 characters. Never used to build a path."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:255] or "file"
