"""Registers the bundled Liberation fonts with reportlab so every PDF embeds them."""

from __future__ import annotations

from functools import cache

from desktop_app.paths import resource_path

SERIF = "Serif"
SANS = "Sans"


@cache
def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for family, base in ((SERIF, "LiberationSerif"), (SANS, "LiberationSans")):
        variants = {
            "": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic",
        }
        for suffix, file_suffix in variants.items():
            path = resource_path("fonts", f"{base}-{file_suffix}.ttf")
            pdfmetrics.registerFont(TTFont(f"{family}{suffix}", str(path)))
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, f"{family}-Bold")
        addMapping(family, 0, 1, f"{family}-Italic")
        addMapping(family, 1, 1, f"{family}-BoldItalic")
