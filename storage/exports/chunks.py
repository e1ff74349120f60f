"""Files are read in chunks of CHUNK rows, so a progress bar moves and memory stays flat."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

CHUNK = 200_000  # rows per read


def collect_chunks(
    chunks: Iterable[pd.DataFrame], progress: Callable[[int], None] | None, first_line: int
) -> list[pd.DataFrame]:
    """The parts of a chunked `read_csv`, reporting the file line reached after each part
    (`first_line` is the line of the part's row 0) so a progress bar can move."""
    parts = []
    seen = 0
    for part in chunks:
        parts.append(part)
        seen += len(part)
        # Counted, not read from the index: a header-only file has an empty part, and a
        # line with more cells than the header gives pandas a multi-level index.
        if progress is not None and len(part):
            progress(seen - 1 + first_line)
    return parts
