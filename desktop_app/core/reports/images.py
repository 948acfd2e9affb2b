"""Photos on printouts: drawn when the file is a readable image, otherwise a placeholder box
of the same size names the file, so one damaged photo never stops a printout."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, Image

from desktop_app.core.reports.fonts import SANS
from desktop_app.core.reports.forms import clip_lines

UNREADABLE = "Foto tidak dapat dibaca"


class PhotoPlaceholder(Flowable):
    """A grey box saying that the photo could not be read, with the file's name."""

    def __init__(self, width: float, height: float, name: str) -> None:
        super().__init__()
        self.width, self.height, self.name = width, height, name

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.grey)
        c.setDash(3, 2)
        c.rect(0, 0, self.width, self.height)
        c.setFillColor(colors.grey)
        c.setFont(SANS, 8.5)
        room = self.width - 8
        c.drawCentredString(self.width / 2, self.height / 2 + 2, UNREADABLE)
        if self.name:
            c.setFont(SANS, 7.5)
            c.drawCentredString(self.width / 2, self.height / 2 - 9,
                                clip_lines(self.name, SANS, 7.5, room, 1)[0])
        c.restoreState()


def readable_size(path: Path) -> tuple[int, int] | None:
    """The pixel size of an image Pillow can decode completely, else None."""
    from PIL import Image as PILImage

    try:
        with PILImage.open(path) as img:
            img.load()
            return img.size
    except Exception:  # noqa: BLE001 - any decoder failure means 'not printable'
        return None


def photo(path: Path, max_width: float, max_height: float, name: str = "") -> Flowable:
    """The photo scaled into ``max_width`` × ``max_height`` keeping its shape, or a
    placeholder box when the file is missing or not a readable image."""
    size = readable_size(Path(path))
    if size is None or not size[0] or not size[1]:
        return PhotoPlaceholder(max_width, min(max_height, max_width * 0.75),
                                name or Path(path).name)
    ratio = size[1] / size[0]
    w, h = max_width, max_width * ratio
    if h > max_height:
        w, h = max_height / ratio, max_height
    img = Image(str(path), width=w, height=h)
    return img
