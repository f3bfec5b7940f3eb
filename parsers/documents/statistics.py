"""The page count a word processor recorded, and whether to believe it.

Writers store document statistics (pages, words) when they lay a document out; files
made by other programs often carry stale ones (python-docx copies its template's
``<Pages>1</Pages><Words>0</Words>``).  A recorded page count is believed only when the
recorded word count agrees with the text actually found.
"""

from __future__ import annotations

STALE_WORDS_MIN = 20
"""Below this many words a recorded word count says too little to call it stale."""
MAX_RECORDED_PAGES = 100_000
"""No word processor lays out more pages than this: a larger count is not believed."""


def believable_pages(pages: int | None, recorded_words: int | None, body_words: int) -> int | None:
    """``pages`` unless absent, impossible, or recorded with a word count off by more
    than half (then the statistics were never computed for this text)."""
    if pages is None or not 1 <= pages <= MAX_RECORDED_PAGES:
        return None
    if (
        recorded_words is not None
        and body_words >= STALE_WORDS_MIN
        and not (body_words / 2 <= recorded_words <= body_words * 2)
    ):
        return None
    return pages
