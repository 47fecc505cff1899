"""The kinds of annotation: what ``parse`` returns, ``draw(kinds=...)`` selects and the explorer shows.

This is their one home: the parser, the layout, the drawing helpers and the explorer all read
these names from here.
"""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    """One kind of geometric annotation.

    Attributes:
        name: The kind as ``Annotation.kind`` and ``draw(kinds=...)`` spell it.
        plural: How people call several of them ("dense captions"), in messages and menus.
        text: Recognized text: its labels and thin outlines follow the text's size.
        coloured_by_kind: One colour for the whole kind (its labels are words, or all the same),
            rather than one per label.
    """

    name: str
    plural: str
    text: bool = False
    coloured_by_kind: bool = False


#: Every kind, in the order menus list them.
KIND_TABLE: tuple[Kind, ...] = (
    Kind("object", "objects"),
    Kind("person", "people", coloured_by_kind=True),
    Kind("face", "faces", coloured_by_kind=True),
    Kind("celebrity", "celebrities"),
    Kind("brand", "brands"),
    Kind("dense_caption", "dense captions"),
    Kind("smart_crop", "smart crops"),
    Kind("area_of_interest", "area of interest", coloured_by_kind=True),
    Kind("line", "lines", text=True, coloured_by_kind=True),
    Kind("word", "words", text=True, coloured_by_kind=True),
    Kind("region", "regions", text=True, coloured_by_kind=True),
    # The successor services (Document Intelligence, Content Understanding): see ``_successors``.
    Kind("paragraph", "paragraphs", text=True, coloured_by_kind=True),
    Kind("table", "tables", coloured_by_kind=True),
    Kind("table_cell", "table cells", coloured_by_kind=True),
    Kind("selection_mark", "selection marks", coloured_by_kind=True),
    Kind("field", "fields"),
    Kind("signature", "signatures", coloured_by_kind=True),
)

#: The kinds of annotation ``parse`` returns.
KINDS: tuple[str, ...] = tuple(kind.name for kind in KIND_TABLE)
#: The plural of each kind, for messages and menus.
KIND_NAMES: dict[str, str] = {kind.name: kind.plural for kind in KIND_TABLE}
#: The kinds of recognized text.
TEXT_KINDS: frozenset[str] = frozenset(kind.name for kind in KIND_TABLE if kind.text)
#: The kinds drawn in one colour per kind rather than per label.
COLOURED_BY_KIND: frozenset[str] = frozenset(kind.name for kind in KIND_TABLE if kind.coloured_by_kind)
#: Everything ``draw`` can be asked to draw: the annotation kinds, ``caption``, and raw shapes.
DRAWABLE: tuple[str, ...] = (*KINDS, "caption", "box", "polygon")
