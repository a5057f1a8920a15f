"""The unit and period choosers the panes share: a label with its combo
box (the label's mnemonic focuses the box), and refilling a box without
announcing a choice the user did not make."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

def labelled_combo(parent, min_chars: int = 0) -> tuple[QLabel, QComboBox]:
    """A label and its combo box; ``min_chars`` > 0 keeps the box at least
    that many characters wide however long its items are."""
    label, box = QLabel(parent), QComboBox(parent)
    if min_chars:
        box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(min_chars)
    label.setBuddy(box)
    return label, box


def refill(box: QComboBox, items: list[str], index: int) -> None:
    """Replace the items of ``box`` and choose ``index``, without emitting
    currentIndexChanged (the caller knows what it chose)."""
    box.blockSignals(True)
    try:
        box.clear()
        box.addItems(items)
        box.setCurrentIndex(index)
    finally:
        box.blockSignals(False)


def period_items(project) -> list[str]:
    """Periods as the choosers list them."""
    return ["" if p is None else str(p) for p in project.dataset.periods]
