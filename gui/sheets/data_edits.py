"""The data sheet's block edits: copy, cut, delete, paste and fill over the
grid's selection (:class:`BlockEdits`), and the tab-separated text of the
clipboard (:func:`parse_tsv`, :func:`to_tsv`).

What each command accepts is described in :mod:`gui.sheets.data_sheet`.
Messages go out through :attr:`BlockEdits.statusMessage`; a pasted block
holding text that is not a number is refused through the model's
``report_refusal`` (the window's message bar shows it, naming the cell and
what is accepted, until it is closed or a later edit succeeds).
"""
from __future__ import annotations

import csv
import io
import math

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from gui.base.document import ProjectDocument
from gui.base.formatting import edit_text
from gui.sheets.clipboard import NotANumber, read_number
from gui.sheets.data_grid import DataGridModel


def parse_tsv(text: str) -> list[list[str]]:
    """Tab-separated text as Excel and LibreOffice put it on the clipboard:
    one line per row (\\r\\n or \\n), the trailing line break dropped, cells
    holding tabs or line breaks in double quotes."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


def to_tsv(block: list[list[str]]) -> str:
    """Rows of cell texts as tab-separated lines (each ending in a line
    break, as Excel writes them)."""
    return "".join("\t".join(row) + "\n" for row in block)


class BlockEdits(QObject):
    """Copy, cut, delete, paste and fill on the selection of ``grid`` (a
    :class:`~gui.sheets.data_grid_view.DataGrid` showing ``model``), each
    change one undo step of ``document``.

    Signals: ``statusMessage(str)``, what was done or why nothing was.
    """

    statusMessage = Signal(str)

    def __init__(self, grid: QAbstractItemView, model: DataGridModel, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.grid = grid
        self.model = model
        self._document = document

    # ---- selection helpers ---------------------------------------------------------------
    def selected_positions(self) -> list:
        """(row, col) of every selected cell, in row then column order; read
        from the selection's ranges (``selectedIndexes`` makes one
        QModelIndex per cell, which takes seconds for a large block)."""
        model = self.model
        seen = set()
        for rng in self.grid.selectionModel().selection():
            cols = range(rng.left(), rng.right() + 1)
            for row in range(rng.top(), rng.bottom() + 1):
                if not model.is_group_row(row):
                    seen.update((row, col) for col in cols)
        return sorted(seen)

    def selected_cells(self) -> list:
        """(row, col, (u, t, i)) of the selected value cells, in row then
        column order."""
        cell_at = self.model.cell_at
        out = []
        for row, col in self.selected_positions():
            where = cell_at(row, col)
            if where is not None:
                out.append((row, col, where))
        return out

    def selection_box(self):
        """(top, left, bottom, right) of the selection, or None."""
        positions = self.selected_positions()
        if not positions:
            return None
        rows = [p[0] for p in positions]
        cols = [p[1] for p in positions]
        return min(rows), min(cols), max(rows), max(cols)

    def select_block(self, top, left, bottom, right):
        model = self.model
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        sm = self.grid.selectionModel()
        sm.select(selection, QItemSelectionModel.ClearAndSelect)
        sm.setCurrentIndex(model.index(top, left), QItemSelectionModel.NoUpdate)

    # ---- copy / cut / delete ---------------------------------------------------------------
    def copy_selection(self) -> str:
        """Copy the selected block to the clipboard as tab-separated text and
        return it ('' when nothing is selected)."""
        box = self.selection_box()
        if box is None:
            self.statusMessage.emit(self.tr("Nothing to copy: select cells first"))
            return ""
        top, left, bottom, right = box
        model = self.model
        selected = set(self.selected_positions())
        values = self._document.project.dataset.values
        block = []
        for row in range(top, bottom + 1):
            if model.is_group_row(row):
                continue
            line = []
            for col in range(left, right + 1):
                if (row, col) not in selected:
                    line.append("")
                    continue
                where = model.cell_at(row, col)
                line.append(edit_text(float(values[where])) if where is not None
                            else str(model.index(row, col).data() or ""))
            block.append(line)
        text = to_tsv(block)
        QGuiApplication.clipboard().setText(text)
        self.statusMessage.emit(self.tr("Copied {0} × {1} cells").format(len(block), right - left + 1))
        return text

    def cut_selection(self) -> str:
        """Copy, then make the selected values missing (one undo step)."""
        text = self.copy_selection()
        if text:
            self.delete_selection()
        return text

    def delete_selection(self) -> bool:
        """Make the selected value cells missing, as one undo step."""
        cells = self.selected_cells()
        if not cells:
            self.statusMessage.emit(self.tr("Nothing to delete: select value cells first"))
            return False
        done = self.model.set_cells([(u, t, i, math.nan) for _, _, (u, t, i) in cells],
                                    self.tr("Clear %n value(s)", "", len(cells)))
        if done:
            self.statusMessage.emit(self.tr("%n value(s) made missing", "", len(cells)))
        return done

    # ---- paste ---------------------------------------------------------------------------
    def paste(self, text: str | None = None) -> bool:
        """Paste tab-separated ``text`` (the clipboard's when None) at the
        selection's top-left cell as one undo step; see the module's notes
        for what is accepted.  Returns True when values were written."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = parse_tsv(text)
        if not block or not any(block):
            self.statusMessage.emit(self.tr("Nothing to paste: the clipboard holds no cells"))
            return False
        model = self.model
        anchor = self._paste_anchor()
        if anchor is None:
            return False
        top, left = anchor
        value_rows = model.value_rows()
        start = next((k for k, r in enumerate(value_rows) if r >= top), None)
        if start is None:
            self.statusMessage.emit(self.tr("Nothing pasted: there is no value row below the selection"))
            return False

        if len(block) == 1 and len(block[0]) == 1:
            targets = self.selected_cells()
            if len(targets) > 1:
                return self._paste_one_value(block[0][0], targets)

        room = (len(value_rows) - start, model.columnCount() - left)
        placed = self._pasted_cells(block, value_rows[start:], left, room)
        if placed is None:
            return False
        cells, read = placed
        if not cells:
            self.statusMessage.emit(self.tr("Nothing pasted: the block lies beyond the sheet's edge"))
            return False
        height = max(r for r, _ in read) + 1
        width = max(c for _, c in read) + 1
        if not model.set_cells(cells, self.tr("Paste %n value(s)", "", len(cells))):
            return False
        self.select_block(value_rows[start], left, value_rows[start + height - 1], left + width - 1)
        self._report_paste(block, room, height, width)
        return True

    def _paste_anchor(self):
        """(row, column) of the cell to paste into: the selection's top-left,
        else the current cell; None (with a status message) when there is
        none or it is a label column."""
        box = self.selection_box()
        current = self.grid.currentIndex()
        if box is not None:
            top, left = box[0], box[1]
        elif current.isValid():
            top, left = current.row(), current.column()
        else:
            self.statusMessage.emit(self.tr("Nothing pasted: choose the cell to paste into"))
            return None
        if left < self.model.first_value_column:
            self.statusMessage.emit(self.tr("Nothing pasted: paste into a value cell (the label columns "
                                            "cannot be edited)"))
            return None
        return top, left

    def _pasted_cells(self, block, value_rows, left, room):
        """The (unit, period, indicator, value) cells ``block`` writes from
        ``value_rows[0]``, column ``left``, and the (row, column) in the
        block of each; cells beyond ``room`` (rows, columns) are left out.
        None (a refusal naming the cell) when a cell is not a number."""
        model = self.model
        room_rows, room_cols = room
        cells, read = [], []
        for r, line in enumerate(block):
            for c, text_cell in enumerate(line):
                inside = r < room_rows and c < room_cols
                where = model.cell_at(value_rows[r], left + c) if inside else None
                try:
                    x = read_number(text_cell)
                except NotANumber as e:
                    target = model.cell_name(*where) if where is not None else self.tr("beyond the sheet's edge")
                    model.report_refusal(self.tr(
                        "nothing pasted: row {0}, column {1} of the pasted block (for {2}): {3}").format(
                        r + 1, c + 1, target, model.reason_text(e)))
                    return None
                if where is not None:
                    read.append((r, c))
                    cells.append((*where, x))
        return cells, read

    def _report_paste(self, block, room, height, width):
        """Say how many values were pasted and how much of the block was clipped."""
        room_rows, room_cols = room
        rows_out = max(0, len(block) - room_rows)
        cols_out = max(0, max(len(line) for line in block) - room_cols)
        message = self.tr("Pasted {0} × {1} values").format(height, width)
        if rows_out or cols_out:
            message += self.tr("; clipped at the sheet's edge: {0} row(s) and {1} column(s) of the "
                               "block were left out").format(rows_out, cols_out)
        self.statusMessage.emit(message)

    def _paste_one_value(self, text, targets) -> bool:
        try:
            x = read_number(text)
        except NotANumber as e:
            first = targets[0][2]
            self.model.report_refusal(self.tr("nothing pasted into the {0} selected cells (the first: {1}): {2}").format(
                len(targets), self.model.cell_name(*first), self.model.reason_text(e)))
            return False
        done = self.model.set_cells([(u, t, i, x) for _, _, (u, t, i) in targets],
                                    self.tr("Paste %n value(s)", "", len(targets)))
        if done:
            self.statusMessage.emit(self.tr("Pasted one value into %n cell(s)", "", len(targets)))
        return done

    # ---- fill ------------------------------------------------------------------------------
    def fill_down(self) -> bool:
        """Copy the top value of each selected column into the selected
        cells below it (the value above, when one row is selected)."""
        return self._fill(down=True)

    def fill_right(self) -> bool:
        """Copy the leftmost value of each selected row into the selected
        cells to its right (the value to the left, when one column is
        selected)."""
        return self._fill(down=False)

    def _fill(self, down: bool) -> bool:
        if self.grid.state() == QAbstractItemView.EditingState:
            return False                 # Edit > Fill while a cell is being typed in: the typing goes on
        model = self.model
        values = self._document.project.dataset.values
        lines = {}                    # column (fill down) or row (fill right) -> [(position, cell)]
        for row, col, where in self.selected_cells():
            lines.setdefault(col if down else row, []).append((row if down else col, where))
        value_rows = model.value_rows()
        cells = []
        for line, members in lines.items():
            members.sort(key=lambda m: m[0])
            if len(members) > 1:
                source, targets = members[0][1], [m[1] for m in members[1:]]
            else:
                pos, where = members[0]
                if down:
                    k = value_rows.index(pos)
                    source = model.cell_at(value_rows[k - 1], line) if k > 0 else None
                else:
                    source = model.cell_at(line, pos - 1)
                targets = [where]
            if source is None:
                continue
            x = float(values[source])
            cells += [(u, t, i, x) for u, t, i in targets]
        if not cells:
            self.statusMessage.emit(self.tr("Nothing to fill: select the value to copy and the cells to "
                                            "fill") if down else
                                    self.tr("Nothing to fill: select the value to copy and the cells to "
                                            "fill on its right"))
            return False
        text = self.tr("Fill down %n value(s)", "", len(cells)) if down else \
            self.tr("Fill right %n value(s)", "", len(cells))
        done = model.set_cells(cells, text)
        if done:
            self.statusMessage.emit(self.tr("Filled %n value(s)", "", len(cells)))
        return done
