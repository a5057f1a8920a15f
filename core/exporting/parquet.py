"""The results as Parquet files, one per table, where pyarrow is installed
(an optional extra: ``pip install coindex[parquet]``).

The records and columns are those of the ``--json`` document and of
``--format csv`` (see :mod:`core.exporting.records`): numbers as float64
(ranks as int64), missing values as nulls, periods as integers when every
period is a whole number and as text otherwise.  Blocks are gathered into
row groups of about :data:`ROW_GROUP` rows, so memory stays bounded.
"""
from __future__ import annotations

import os

import numpy as np

from core.atomic import atomic_output
from core.errors import CoIndexError
from core.exporting.records import Const, Labels, Numbers, periods_of, result_tables
from core.text import tr

ROW_GROUP = 1 << 18


def available() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def write_parquet(engine, folder, warnings: list | None = None) -> list[str]:
    """One ``<table>.parquet`` per table into ``folder`` (made if needed);
    returns the paths written."""
    if not available():
        raise CoIndexError(tr("--format parquet needs the pyarrow package: pip install pyarrow "
                              "(or install CoIndex with its 'parquet' extra), or use --format csv"))
    import pyarrow as pa
    import pyarrow.parquet as pq
    os.makedirs(folder, exist_ok=True)
    periods = periods_of(engine.dataset)
    whole = all(isinstance(p, int) and not isinstance(p, bool) for p in periods)
    paths = []
    for table in result_tables(engine, warnings):
        path = os.path.join(folder, table.name + ".parquet")
        with atomic_output(path) as tmp:
            writer, pending, rows = None, [], 0
            for block in table.blocks():
                batch = _batch(pa, table.keys, block, whole)
                if writer is None:
                    writer = pq.ParquetWriter(tmp, batch.schema)
                pending.append(batch)
                rows += batch.num_rows
                if rows >= ROW_GROUP:
                    writer.write_table(pa.Table.from_batches(pending))
                    pending, rows = [], 0
            if writer is None:              # no records: an empty table with the keys as columns
                empty = pa.table({k: pa.array([], type=pa.null()) for k in table.keys})
                pq.write_table(empty, tmp)
            else:
                if pending:
                    writer.write_table(pa.Table.from_batches(pending))
                writer.close()
        paths.append(path)
    return paths


def _batch(pa, keys, block, whole_periods):
    n = max((len(c.index) if isinstance(c, Labels) else len(c.values) if not isinstance(c, Const) else 0)
            for c in block)
    arrays = [_array(pa, key, col, n, whole_periods) for key, col in zip(keys, block)]
    return pa.RecordBatch.from_arrays(arrays, names=list(keys))


def _array(pa, key, col, n, whole_periods):
    period_key = key in ("period", "from", "to")
    if isinstance(col, Numbers):
        values = np.asarray(col.values, dtype=float).reshape(-1)
        missing = ~np.isfinite(values)
        if col.ints:
            return pa.array(np.where(missing, 0, values).astype(np.int64), mask=missing)
        return pa.array(values, mask=missing)
    if isinstance(col, Labels):
        kind = _kind(pa, period_key, whole_periods)
        labels = [v if (v is None or kind == pa.int64()) else str(v) for v in col.labels]
        return pa.DictionaryArray.from_arrays(pa.array(col.index, type=pa.int32()),
                                              pa.array(labels, type=kind)).cast(kind)
    values = [col.value] * n if isinstance(col, Const) else list(col.values)
    values = [_label(v, period_key, whole_periods) for v in values]
    if period_key:
        return pa.array(values, type=_kind(pa, True, whole_periods))
    return pa.array(values)


def _kind(pa, period_key, whole_periods):
    return pa.int64() if (period_key and whole_periods) else pa.string()


def _label(value, period_key, whole_periods):
    if value is None or (period_key and whole_periods):
        return value
    return str(value) if period_key else value
