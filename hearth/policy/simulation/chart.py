"""A horizontal bar chart drawn on the server as inline SVG: the geometry only, no markup.

The chart is a picture of numbers that are also in a table beside it, so it carries a title
and a description and hides its parts from assistive technology (`role="img"` in the
template). It is drawn 320 units wide and scales to its container, so it fits a 320 px screen
without scrolling sideways. Each bar is labelled with its series name and its number, so
nothing depends on telling the colours apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 320
FONT_SIZE = 14
LABEL_HEIGHT = 20
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 16
SERIES_ROOM = 52  # room on the left for the series name ("Now", "Draft")
VALUE_ROOM = 52  # room on the right of the longest bar for its number
LABEL_CHARACTERS = 40
# GOV.UK Frontend's dark grey and blue: both at least 4.5:1 against white.
COLOURS = ("#505a5f", "#1d70b8")
TEXT_COLOUR = "#0b0c0c"


@dataclass(frozen=True, slots=True)
class ChartBar:
    series: str
    value: int
    colour: str
    x: int
    y: int
    width: int
    height: int
    text_y: int  # baseline of the series name and the number
    value_x: int


@dataclass(frozen=True, slots=True)
class ChartGroup:
    label: str
    label_y: int
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    font_size: int
    text_colour: str
    groups: tuple[ChartGroup, ...]


def label_short(label: str, limit: int = LABEL_CHARACTERS) -> str:
    """A label that fits on one line of the chart (the table beside it has the whole label)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[str]) -> BarChart:
    """Groups of bars, one group per row (its label, then one bar per series)."""
    highest = max((v for _label, values in rows for v in values), default=0)
    room = WIDTH - SERIES_ROOM - VALUE_ROOM
    groups = []
    y = 0
    for label, values in rows:
        label_y = y + FONT_SIZE
        y += LABEL_HEIGHT
        bars = []
        for index, (name, value) in enumerate(zip(series, values, strict=True)):
            length = round(room * value / highest) if highest else 0
            if value and not length:
                length = 1  # a household is never drawn as nothing
            bars.append(
                ChartBar(
                    series=name,
                    value=value,
                    colour=COLOURS[index % len(COLOURS)],
                    x=SERIES_ROOM,
                    y=y,
                    width=length,
                    height=BAR_HEIGHT,
                    text_y=y + BAR_HEIGHT - 4,
                    value_x=SERIES_ROOM + length + 4,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        groups.append(ChartGroup(label=label_short(label), label_y=label_y, bars=tuple(bars)))
        y += GROUP_GAP
    return BarChart(
        width=WIDTH,
        height=max(y - GROUP_GAP, 1),
        font_size=FONT_SIZE,
        text_colour=TEXT_COLOUR,
        groups=tuple(groups),
    )
