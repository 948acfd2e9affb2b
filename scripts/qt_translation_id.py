"""Writes resources/translations/qtbase_id.ts (Qt's own texts in Indonesian: standard buttons,
message boxes, file and print dialogs, context menus) and compiles it with pyside6-lrelease
to qtbase_id.qm, which the app loads at start-up. PySide6 ships no Indonesian Qt translation.

    .venv/bin/python scripts/qt_translation_id.py

Sources and contexts are Qt's (qtbase); a test walks the standard dialogs and fails on English.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "translations"

BUTTONS = {
    "OK": "OK", "Save": "Simpan", "Save All": "Simpan Semua", "Open": "Buka",
    "&Yes": "&Ya", "Yes to &All": "Ya untuk &Semua", "&No": "&Tidak",
    "N&o to All": "Tidak &untuk Semua", "Abort": "Hentikan", "Retry": "Coba Lagi",
    "Ignore": "Abaikan", "Close": "Tutup", "Cancel": "Batal", "Discard": "Buang",
    "Don't Save": "Jangan Simpan", "Close without Saving": "Tutup tanpa Menyimpan",
    "Help": "Bantuan", "Apply": "Terapkan", "Reset": "Atur Ulang",
    "Restore Defaults": "Kembalikan Bawaan", "Yes": "Ya", "No": "Tidak",
}

EDIT_MENU = {
    "&Undo": "&Urungkan", "&Redo": "&Ulangi", "Cu&t": "Po&tong", "&Copy": "&Salin",
    "&Paste": "&Tempel", "Delete": "Hapus", "Select All": "Pilih Semua",
    "Copy &Link Location": "Salin &Alamat Tautan",
}

CONTEXTS: dict[str, dict[str, str]] = {
    "QPlatformTheme": BUTTONS,
    "QDialogButtonBox": BUTTONS,
    "QMessageBox": {
        "Show Details...": "Tampilkan Rincian…", "Hide Details...": "Sembunyikan Rincian…",
        "OK": "OK", "About Qt": "Tentang Qt", "Help": "Bantuan",
        "<h3>About Qt</h3><p>This program uses Qt version %1.</p>":
            "<h3>Tentang Qt</h3><p>Program ini memakai Qt versi %1.</p>",
    },
    "QProgressDialog": {"Cancel": "Batal"},
    "QInputDialog": {"Enter a value:": "Masukkan nilai:"},
    "QLineEdit": EDIT_MENU,
    "QWidgetTextControl": EDIT_MENU,
    "QAbstractSpinBox": {"&Select All": "&Pilih Semua", "&Step up": "&Naikkan",
                         "Step &down": "&Turunkan"},
    "QScrollBar": {
        "Scroll here": "Gulir ke sini", "Left edge": "Tepi kiri", "Top": "Atas",
        "Right edge": "Tepi kanan", "Bottom": "Bawah", "Page left": "Halaman kiri",
        "Page up": "Halaman atas", "Page right": "Halaman kanan", "Page down": "Halaman bawah",
        "Scroll left": "Gulir kiri", "Scroll up": "Gulir naik", "Scroll right": "Gulir kanan",
        "Scroll down": "Gulir turun",
    },
    "QWizard": {
        "< &Back": "< &Kembali", "&Next >": "&Lanjut >", "&Next": "&Lanjut",
        "&Finish": "&Selesai", "Cancel": "Batal", "&Help": "&Bantuan", "Go Back": "Kembali",
        "Continue": "Lanjutkan", "Commit": "Terapkan", "Done": "Selesai", "Help": "Bantuan",
    },
    "QFileDialog": {
        "&Look in:": "&Cari di:", "Look in:": "Cari di:", "File &name:": "&Nama berkas:",
        "Files of &type:": "&Jenis berkas:", "Files of type:": "Jenis berkas:",
        "Directory:": "Folder:", "&Open": "&Buka", "&Save": "&Simpan", "&Choose": "&Pilih",
        "Open": "Buka", "Save As": "Simpan Sebagai", "Find Directory": "Pilih Folder",
        "Back": "Kembali", "Forward": "Maju", "Parent Directory": "Folder Induk",
        "Create New Folder": "Buat Folder Baru", "List View": "Tampilan Daftar",
        "Detail View": "Tampilan Rinci", "New Folder": "Folder Baru", "&New Folder":
            "Folder &Baru", "&Rename": "&Ganti Nama", "&Delete": "&Hapus",
        "Show &hidden files": "Tampilkan berkas &tersembunyi", "All Files (*)":
            "Semua Berkas (*)", "All Files (*.*)": "Semua Berkas (*.*)",
        "Recent Places": "Tempat Terakhir", "Sidebar": "Bilah Samping", "Files": "Berkas",
        "Go back": "Kembali", "Go forward": "Maju", "Go to the parent directory":
            "Ke folder induk", "Create a New Folder": "Buat folder baru",
        "Change to list view mode": "Ganti ke tampilan daftar",
        "Change to detail view mode": "Ganti ke tampilan rinci",
        "List of places and bookmarks": "Daftar tempat dan markah",
        "Alt+Left": "Alt+Left", "Alt+Right": "Alt+Right",
        "%1 already exists.\nDo you want to replace it?":
            "%1 sudah ada.\nGanti berkas itu?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nBerkas tidak ditemukan.\nPeriksa nama berkasnya.",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
            "%1\nFolder tidak ditemukan.\nPeriksa nama foldernya.",
        "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?",
        "Could not delete directory.": "Folder tidak dapat dihapus.",
        "'%1' is write protected.\nDo you want to delete it anyway?":
            "'%1' dilindungi dari penulisan.\nTetap hapus?",
        "Directories": "Folder", "Directory": "Folder", "File": "Berkas",
        "File Folder": "Folder Berkas", "Folder": "Folder", "Unknown": "Tidak dikenal",
        "Drive": "Drive", "My Computer": "Komputer Saya", "Computer": "Komputer",
        "Show ": "Tampilkan ",
    },
    "QFileSystemModel": {
        "Name": "Nama", "Size": "Ukuran", "Type": "Jenis", "Kind": "Jenis",
        "Date Modified": "Tanggal Diubah", "My Computer": "Komputer Saya",
        "Computer": "Komputer", "%1 TB": "%1 TB", "%1 GB": "%1 GB", "%1 MB": "%1 MB",
        "%1 KB": "%1 KB", "%1 bytes": "%1 bita",
    },
    "QPrintDialog": {
        "Print": "Cetak", "&Print": "&Cetak", "&Options >>": "&Pilihan >>",
        "&Options <<": "&Pilihan <<", "Print to File (PDF)": "Cetak ke Berkas (PDF)",
        "Local file": "Berkas lokal", "Write PDF file": "Tulis berkas PDF",
        "Print To File ...": "Cetak ke Berkas …", "File exists": "Berkas sudah ada",
        "<qt>Do you want to overwrite it?</qt>": "<qt>Timpa berkas itu?</qt>",
        "%1 is a directory.\nPlease choose a different file name.":
            "%1 adalah folder.\nPilih nama berkas lain.",
        "Print all": "Cetak semua", "Print selection": "Cetak pilihan",
        "Print range": "Rentang cetak", "Print current page": "Cetak halaman ini",
    },
    "QUnixPrintWidget": {
        "Printer": "Pencetak", "&Name:": "&Nama:", "P&roperties": "P&roperti",
        "Location:": "Lokasi:", "Preview": "Pratinjau", "Type:": "Jenis:",
        "Output &file:": "&Berkas keluaran:", "...": "…",
    },
    "QPrintPropertiesWidget": {"Form": "Formulir", "Page": "Halaman",
                               "Advanced": "Lanjutan"},
    "QPrintSettingsOutput": {
        "Form": "Formulir", "Copies": "Salinan", "Print range": "Rentang cetak",
        "Print all": "Cetak semua", "Pages from": "Halaman dari", "to": "sampai",
        "Pages": "Halaman", "Current Page": "Halaman ini", "Selection": "Pilihan",
        "Output Settings": "Pengaturan keluaran", "Copies:": "Salinan:",
        "Collate": "Susun", "Reverse": "Terbalik", "Options": "Pilihan",
        "Color Mode": "Mode warna", "Color": "Warna", "Grayscale": "Skala abu-abu",
        "Duplex Printing": "Cetak bolak-balik", "None": "Tidak ada",
        "Long side": "Sisi panjang", "Short side": "Sisi pendek",
        "Page Set:": "Set halaman:", "All Pages": "Semua halaman",
        "Odd Pages": "Halaman ganjil", "Even Pages": "Halaman genap",
    },
    "QPageSetupWidget": {
        "Form": "Formulir", "Paper": "Kertas", "Page size:": "Ukuran halaman:",
        "Width:": "Lebar:", "Height:": "Tinggi:", "Paper source:": "Sumber kertas:",
        "Orientation": "Orientasi", "Portrait": "Tegak", "Landscape": "Mendatar",
        "Reverse landscape": "Mendatar terbalik", "Reverse portrait": "Tegak terbalik",
        "Margins": "Margin", "top margin": "margin atas", "left margin": "margin kiri",
        "right margin": "margin kanan", "bottom margin": "margin bawah",
        "Page Layout": "Tata letak halaman", "Page order:": "Urutan halaman:",
        "Pages per sheet:": "Halaman per lembar:", "Custom": "Khusus",
        "Millimeters (mm)": "Milimeter (mm)", "Inches (in)": "Inci (in)",
        "Points (pt)": "Poin (pt)",
    },
    "QPrintPreviewDialog": {"Print Preview": "Pratinjau Cetak", "Close": "Tutup",
                            "Print": "Cetak"},
    "QColorDialog": {"Select Color": "Pilih Warna"},
    "QCalendarWidget": {"Today": "Hari ini", "Previous Month": "Bulan sebelumnya",
                        "Next Month": "Bulan berikutnya", "Week": "Minggu"},
    "QShortcut": {"Ctrl": "Ctrl", "Shift": "Shift", "Alt": "Alt", "Del": "Del",
                  "Esc": "Esc", "Return": "Enter", "Enter": "Enter"},
}


def ts_text() -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="id_ID" sourcelanguage="en">']
    for context, messages in CONTEXTS.items():
        lines += ["<context>", f"    <name>{context}</name>"]
        for source, translation in messages.items():
            lines += ["    <message>",
                      f"        <source>{escape(source)}</source>",
                      f"        <translation>{escape(translation)}</translation>",
                      "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    ts = TARGET / "qtbase_id.ts"
    ts.write_text(ts_text(), encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(TARGET / "qtbase_id.qm")],
                   check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
