"""What a post's `icon` and `cover` name: an emoji, an image URL, a repository image, a Font Awesome class.

NotionNext shows two different icons. The page icon (an emoji or an image, a property of the Notion
page itself) stands beside the title in the article and on cards; the `icon` *column* holds a Font
Awesome class (`fa-solid fa-house`) that NotionNext draws in front of menu entries (pages of type
Menu / SubMenu, and Page links in the navigation). One front-matter key serves both, because the
value says which one is meant: a Font Awesome class goes to the column, anything else is the page
icon. `cover` is the page cover (article header, card image). Neutral (no Notion request shapes) so
that `check`, `publish` and the preview classify a value the same way (`recweekly.markdown.pagemedia`
reads both keys of a post for publish and the preview).
"""

from __future__ import annotations

import enum
import re
import unicodedata

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".ico", ".tif", ".tiff", ".heic")
MAX_URL = 2000
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_URL_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
# "fa-solid fa-house", "fas fa-home", "fa fa-rss", "fab fa-github fa-lg": every word fa…, one fa-<name>
_FONT_AWESOME_RE = re.compile(r"^fa[a-z-]*(?:\s+fa[a-z0-9-]*)*$")
_EMOJI_MARKS = frozenset("\u200d\ufe0f\ufe0e\u20e3")  # joiner, variation selectors, keycap


class MediaKind(enum.Enum):
    EMOJI = "emoji"
    URL = "url"
    FILE = "file"  # an image in the repository, uploaded to Notion
    FONT_AWESOME = "font-awesome"


ICON_HELP = ("an emoji (🚀), an image URL (https://…), a repository image (images/icon.png) or, for menus, a "
             "Font Awesome class (fa-solid fa-house)")
COVER_HELP = "an image URL (https://…) or a repository image (images/cover.png)"


def is_emoji(text: str) -> bool:
    """One emoji as Notion accepts it: a pictograph with optional joiners, variation and skin-tone marks."""
    if not text or len(text) > 16:
        return False
    pictographs = 0
    for char in text:
        code = ord(char)
        if unicodedata.category(char) == "So" or 0x1F1E6 <= code <= 0x1F1FF:  # symbols, regional flags
            pictographs += 1
        elif char in _EMOJI_MARKS or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue  # joiners, selectors, skin tones, tag characters (subdivision flags)
        elif char in "#*0123456789" and "\u20e3" in text:
            pictographs += 1  # keycaps: 1️⃣
        else:
            return False
    return pictographs > 0


def is_font_awesome(text: str) -> bool:
    return bool(_FONT_AWESOME_RE.match(text)) and any(word.startswith("fa-") for word in text.split())


def _image_kind(text: str) -> MediaKind | None:
    if _SCHEME_RE.match(text) or text.startswith("//"):
        return MediaKind.URL if _URL_RE.match(text) and len(text) <= MAX_URL else None
    path = text.split("?", 1)[0].split("#", 1)[0]
    return MediaKind.FILE if path.lower().endswith(IMAGE_SUFFIXES) and not text.endswith("/") else None


def classify_icon(value: str) -> MediaKind | None:
    """What an `icon` value is, or None when it is none of the four."""
    text = value.strip()
    if is_emoji(text):
        return MediaKind.EMOJI
    if is_font_awesome(text):
        return MediaKind.FONT_AWESOME
    return _image_kind(text)


def classify_cover(value: str) -> MediaKind | None:
    """What a `cover` value is (an image URL or a repository image), or None."""
    return _image_kind(value.strip())

