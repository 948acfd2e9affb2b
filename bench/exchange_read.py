"""Time reading a 10,000-row office workbook: calamine read, header detection, value coercion."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.core.domain import parsing as values  # noqa: E402
from desktop_app.core.exchange.formats import read_sheet  # noqa: E402
from desktop_app.core.exchange.mapping import ColumnSpec, suggest_mapping  # noqa: E402
from desktop_app.core.exchange.reader import find_header_row, iter_data_rows  # noqa: E402

SPECS = [
    ColumnSpec("household_head", "Nama Kepala Keluarga", ("Nama KK",)),
    ColumnSpec("nik", "NIK", ()),
    ColumnSpec("desa", "Desa", ()),
    ColumnSpec("income", "Penghasilan", ()),
    ColumnSpec("occupants", "Jumlah Penghuni", ("Jml Jiwa",)),
    ColumnSpec("received", "Tanggal", ()),
]


def make_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(["DATA USULAN RTLH KECAMATAN PARINGIN SELATAN"])
    ws.append([])
    ws.append(["No", "Nama KK", "NIK", "Desa", "Penghasilan", "Jml Jiwa", "Tanggal"])
    ws.append([1, 2, 3, 4, 5, 6, 7])
    for i in range(rows):
        ws.append([i + 1, f"Warga {i}", f"631107{120380 + i % 9:06d}{i % 9999 + 1:04d}", "Inan",
                   f"Rp {1_000_000 + i:,}".replace(",", "."), f"{i % 7 + 1}", "23/11/2026"])
    ws.append(["JUMLAH"])
    wb.save(path)


def run(rows: int = 10_000) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        make_workbook(path, rows)
        start = time.perf_counter()
        sheet = read_sheet(path)
        header = find_header_row(sheet.rows, SPECS)
        mapping = suggest_mapping(header.headers, SPECS).mapping
        col = {v: k for k, v in mapping.items() if v}
        good = 0
        for _n, row in iter_data_rows(sheet.rows, header):
            values.to_digits_id(row[col["nik"]])
            values.to_decimal_number(row[col["income"]])
            values.to_int(row[col["occupants"]])
            values.to_date(row[col["received"]])
            good += 1
        assert good == rows, good
        return time.perf_counter() - start


if __name__ == "__main__":
    times = [run() for _ in range(3)]
    print(f"read+detect+coerce 10,000 rows: median {statistics.median(times):.3f} s "
          f"(runs: {', '.join(f'{t:.3f}' for t in times)})")
