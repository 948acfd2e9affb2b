"""Photos checked when they are attached: Pillow must decode the whole file, which is then
stored re-encoded (turned upright, metadata dropped, at most MAX_SIDE pixels a side), so
that what is kept is a clean JPG or PNG that every printout can draw."""

from __future__ import annotations

import io
from pathlib import Path

from desktop_app.core.domain.errors import ValidationError

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 60_000_000  # larger is a decompression bomb or a scan no printout needs
MAX_SIDE = 4000
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff")


def is_image_name(path: Path) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def checked_image(source: Path) -> tuple[bytes, str]:
    """The photo at ``source`` re-encoded: (bytes, '.jpg' or '.png'). A file that is too big
    or that Pillow cannot decode completely is refused with a ValidationError."""
    from PIL import Image, ImageOps

    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Berkas {source.name} tidak ditemukan.")
    if source.stat().st_size > MAX_BYTES:
        raise ValidationError(f"Foto {source.name} terlalu besar (maksimal 20 MB).")
    unreadable = (f"Berkas {source.name} tidak dapat dibaca sebagai gambar (rusak atau bukan "
                  "foto JPG/PNG).")
    try:
        with Image.open(source) as opened:
            img: Image.Image = opened
            width, height = img.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"Foto {source.name} terlalu besar ({width}×{height} piksel).")
            img.load()
            keep_png = img.format == "PNG" or img.mode in ("RGBA", "LA", "P")
            img = ImageOps.exif_transpose(img)
            if img.mode not in ("RGB", "L", "RGBA", "LA"):
                img = img.convert("RGBA" if keep_png else "RGB")
            if max(img.size) > MAX_SIDE:
                img.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if keep_png:
                img.save(out, "PNG", optimize=False)
                return out.getvalue(), ".png"
            img.convert("RGB").save(out, "JPEG", quality=88)
            return out.getvalue(), ".jpg"
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for damaged files
        raise ValidationError(unreadable) from exc
