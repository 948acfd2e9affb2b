"""Enumerators with ODK Collect / KoboCollect: the XLSForm of each category passes pyxform (and
ODK Validate when Java is there); exports made from that form the way ODK Central and
KoboToolbox write them (group paths, instance ids, media files) import with their photos and
enumerator, and importing them again adds nothing."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pyxform import xls2xform

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Role
from desktop_app.core.services import auth, office
from desktop_app.intake.services import details, fieldwork, listing
from desktop_app.intake.services.listing import SubmissionFilter
from tests.conftest import TEST_PASSWORD

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408"
    "d763f8cfc000000301010018dd8db00000000049454e44ae426082")


def _survey(path: Path) -> list[dict]:
    ws = load_workbook(path)["survey"]
    head = [c.value for c in ws[1]]
    return [dict(zip(head, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize("category", ["rtlh", "jalan", "drainase", "lainnya"])
def test_xlsform_of_every_category_passes_pyxform(app_ctx, admin, tmp_path, category):
    office.save_profile(app_ctx, admin, demo_profile())
    path = fieldwork.write_xlsform(app_ctx, admin, category, tmp_path / f"{category}.xlsx")
    warnings: list[str] = []
    result = xls2xform.convert(xlsform=str(path), warnings=warnings,
                               validate=shutil.which("java") is not None)
    assert "<h:title>KULA RAKAT" in result.xform
    rows = {r["name"]: r for r in _survey(path)}
    assert rows["desa"]["required"] == "yes" and rows["lokasi_gps"]["type"] == "geopoint"
    assert rows["foto_1"]["type"] == "image"
    choices = load_workbook(path)["choices"]
    assert "Inan" in {c.value for c in choices["C"]}
    if category == "rtlh":
        assert rows["nik"]["constraint"] == "regex(., '^[0-9]{16}$')"
        assert rows["nik"]["constraint_message"] == \
            "NIK kepala keluarga harus 16 digit angka, tanpa spasi."
        assert rows["occupants"]["constraint"] == ". >= 1 and . <= 40"
        assert "paling besar 40 jiwa" in rows["occupants"]["constraint_message"]
        assert rows["monthly_income"]["required"] == "yes"
        assert rows["floor_material"]["type"] == "select_one pilihan_floor_material"


def test_xlsform_of_an_unknown_category_is_refused(app_ctx, admin, tmp_path):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        fieldwork.write_xlsform(app_ctx, admin, "taman", tmp_path / "x.xlsx")


# ---- A generator of exports, from the form itself ---------------------------------------------

def _paths(form: Path) -> dict[str, list[str]]:
    """Field name → its group path (as ODK Central and Kobo put it in column names)."""
    out, groups = {}, []
    for row in _survey(form):
        kind = str(row["type"] or "")
        if kind == "begin_group":
            groups.append(row["name"])
        elif kind == "end_group":
            groups.pop()
        else:
            out[row["name"]] = [*groups, row["name"]]
    return out


RECORDS = [  # as enumerators send them: choice *names*, GPS as one text, photo file names
    {"uuid": "2f5a1c9e-0001-4c1a-9a0b-000000000001", "who": "enumerator.inan",
     "kind": "usulan", "reporter_name": "Abdul Hamid", "desa": "63_11_07_2003", "rt": "2",
     "household_head": "Abdul Hamid", "nik": "6311071203800001", "monthly_income": "1200000",
     "occupants": "6", "floor_area": "36", "roof_condition": "rusak_berat",
     "floor_material": "tanah", "wall_material": "kayu_papan", "toilet": "tidak_ada_jamban",
     "land_owned": "ya", "lokasi_gps": "-2.3412 115.4821 40 4.5",
     "foto_1": "1732338000001.jpg", "foto_2": "1732338000002.jpg"},
    {"uuid": "2f5a1c9e-0002-4c1a-9a0b-000000000002", "who": "Petugas Luar",
     "kind": "usulan", "reporter_name": "Siti Aisyah", "desa": "63_11_07_1001", "rt": "1",
     "household_head": "Siti Aisyah", "nik": "6311074506850002", "monthly_income": "750000",
     "occupants": "4", "floor_area": "28", "roof_condition": "rusak_sedang",
     "water_source": "air_sungai_hujan", "lokasi_gps": "", "foto_1": "1732338000003.jpg"},
    {"uuid": "2f5a1c9e-0003-4c1a-9a0b-000000000003", "who": "enumerator.inan",
     "kind": "usulan", "reporter_name": "Tanpa Desa", "desa": "", "household_head": "X",
     "nik": "6311071203800009", "monthly_income": "900000", "occupants": "3",
     "floor_area": "20"},  # no desa → refused
]


def _odk_central_zip(form: Path, target: Path) -> Path:
    paths = _paths(form)
    fields = [n for n in paths if n not in ("start", "end", "deviceid")]
    header = ["SubmissionDate"]
    for name in fields:
        if name == "lokasi_gps":
            header += ["-".join(paths[name]) + f"-{p}" for p in
                       ("Latitude", "Longitude", "Altitude", "Accuracy")]
        else:
            header.append("-".join(paths[name]))
    header += ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
               "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
               "FormVersion"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for n, rec in enumerate(RECORDS, start=1):
        line = ["2026-11-20T09:12:03.000Z"]
        for name in fields:
            value = rec.get(name, "" if name != "category" else "rtlh")
            if name == "today":
                value = "2026-11-20"
            if name == "lokasi_gps":
                parts = (value or "").split() or ["", "", "", ""]
                line += parts
            else:
                line.append(value)
        line += [f"uuid:{rec['uuid']}", f"uuid:{rec['uuid']}", str(n), rec["who"], "1", "1", "",
                 "", "collect:abc", "0", "2026112309"]
        writer.writerow(line)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("kula_rakat_rtlh.csv", buffer.getvalue())
        for rec in RECORDS:
            for key in ("foto_1", "foto_2"):
                if rec.get(key):
                    archive.writestr(f"media/{rec[key]}", PNG)
    return target


def _kobo_xlsx(form: Path, target: Path, media: Path) -> None:
    paths = _paths(form)
    fields = [n for n in paths if n not in ("start", "end", "deviceid")]
    wb = Workbook()
    ws = wb.active
    ws.append(["/".join(paths[n]) for n in fields]
              + ["meta/instanceID", "_id", "_uuid", "_submission_time", "_submitted_by",
                 "__version__", "_index"])
    for n, rec in enumerate(RECORDS, start=1):
        values = [rec.get(f, "rtlh" if f == "category" else None) for f in fields]
        values = [None if v == "" else v for v in values]
        ws.append(values + [f"uuid:{rec['uuid']}", 1000 + n, rec["uuid"],
                            "2026-11-20T01:12:03", rec["who"], "vAbc", n])
    wb.save(target)
    with zipfile.ZipFile(media, "w") as archive:
        for rec in RECORDS:
            for key in ("foto_1", "foto_2"):
                if rec.get(key):
                    archive.writestr(f"kobo_admin/attachments/abc123/{rec['uuid']}/{rec[key]}",
                                     PNG)


@pytest.fixture
def field_env(app_ctx, admin, tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    auth.create_user(app_ctx, admin, auth.UserInput("enumerator.inan", "Nor Inan",
                                                    Role.OPERATOR, TEST_PASSWORD))
    form = fieldwork.write_xlsform(app_ctx, admin, "rtlh", tmp_path / "form.xlsx")
    return app_ctx, admin, form


def _check_imported(app, admin):
    rows = listing.list_rows(app, admin, SubmissionFilter(), "number")
    assert [r.name for r in rows] == ["Abdul Hamid", "Siti Aisyah"]
    hamid = details.get_submission(app, admin, rows[0].id)
    assert hamid.details["roof_condition"] == "Rusak berat"
    assert hamid.details["floor_material"] == "Tanah"
    assert hamid.details["toilet"] == "Tidak ada jamban"
    assert hamid.details["land_owned"] is True
    assert (hamid.latitude, hamid.longitude) == (-2.3412, 115.4821)
    assert hamid.entered_by == "Nor Inan"  # matched to the app user who sent it
    assert [a.filename for a in hamid.attachments] == ["1732338000001.jpg", "1732338000002.jpg"]
    assert all(a.is_photo for a in hamid.attachments)
    siti = details.get_submission(app, admin, rows[1].id)
    assert siti.details["water_source"] == "Air sungai/hujan"
    assert siti.entered_by == "Admin"  # no such user: the importer, with the name kept
    assert siti.field_enumerator == "Petugas Luar"
    assert len(siti.attachments) == 1
    assert siti.channel == "enumerator" and siti.received_on.isoformat() == "2026-11-20"


def test_odk_central_zip_imports_with_photos_once(field_env, tmp_path):
    app, admin, form = field_env
    export = _odk_central_zip(form, tmp_path / "kula_rakat_rtlh.zip")
    assert fieldwork.is_field_export(export)
    first = fieldwork.import_field_file(app, admin, export, error_dir=tmp_path)
    assert (first.imported, first.rejected, first.skipped_existing) == (2, 1, 0)
    refused = load_workbook(first.error_workbook)["Baris ditolak"]
    assert "desa/kelurahan" in str(refused.cell(row=4, column=2).value).lower()
    _check_imported(app, admin)
    again = fieldwork.import_field_file(app, admin, export, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing) == (0, 2)
    assert len(listing.list_rows(app, admin, SubmissionFilter())) == 2


def test_kobotoolbox_xlsx_and_media_zip_import_once(field_env, tmp_path):
    app, admin, form = field_env
    export, media = tmp_path / "kobo.xlsx", tmp_path / "kobo-media.zip"
    _kobo_xlsx(form, export, media)
    assert fieldwork.is_field_export(export)
    first = fieldwork.import_field_file(app, admin, export, media=media, error_dir=tmp_path)
    assert (first.imported, first.rejected) == (2, 1)
    _check_imported(app, admin)
    again = fieldwork.import_field_file(app, admin, export, media=media, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing) == (0, 2)


def _kobo_labels_xlsx(form: Path, target: Path) -> None:
    """KoboToolbox's default export, "Labels" with groups in the headers: every column headed
    by its groups' and question's labels ('Data …/Kondisi atap …'), choices written as their
    labels, the GPS point also split into Kobo's '_lokasi_gps_latitude' columns."""
    survey = _survey(form)
    wb_form = load_workbook(form)["choices"]
    head = [c.value for c in wb_form[1]]
    labels = {(r["list_name"], r["name"]): r["label"]
              for r in (dict(zip(head, row, strict=False))
                        for row in wb_form.iter_rows(min_row=2, values_only=True))}
    columns, groups = [], []
    for row in survey:
        kind = str(row["type"] or "")
        if kind == "begin_group":
            groups.append(row["label"])
        elif kind == "end_group":
            groups.pop()
        elif row["name"] not in ("start", "end", "deviceid"):
            lists = kind.split()[1] if kind.startswith("select_one") else None
            columns.append((row["name"], "/".join([*groups, row["label"] or row["name"]]), lists))
    wb = Workbook()
    ws = wb.active
    header = []
    for name, title, _lists in columns:
        header.append(title)
        if name == "lokasi_gps":
            header += [f"_{name}_{p}" for p in ("latitude", "longitude", "altitude", "precision")]
    ws.append(header + ["_id", "_uuid", "_submission_time", "_validation_status",
                        "_submitted_by", "__version__", "_index"])
    for n, rec in enumerate(RECORDS, start=1):
        values = []
        for name, _title, lists in columns:
            value = rec.get(name, "rtlh" if name == "category" else None) or None
            values.append(labels.get((lists, value), value) if lists else value)
            if name == "lokasi_gps":
                values += [float(p) for p in (value or "").split()] or [None] * 4
        ws.append(values + [1000 + n, rec["uuid"], "2026-11-20T01:12:03", None, rec["who"],
                            "vAbc", n])
    wb.save(target)


def test_kobotoolbox_export_with_labels_imports_as_the_xml_one(field_env, tmp_path):
    app, admin, form = field_env
    export = tmp_path / "kobo-label.xlsx"
    _kobo_labels_xlsx(form, export)
    headers = [c.value for c in load_workbook(export).active[1]]
    assert "Data Rumah Tidak Layak Huni/Kondisi atap (rangka dan penutup)" in headers
    first = fieldwork.import_field_file(app, admin, export, error_dir=tmp_path)
    assert (first.imported, first.rejected) == (2, 1), first.summary()
    rows = listing.list_rows(app, admin, SubmissionFilter(), "number")
    hamid = details.get_submission(app, admin, rows[0].id)
    assert (hamid.desa_name, hamid.details["roof_condition"], hamid.details["floor_material"]) \
        == ("Inan", "Rusak berat", "Tanah")
    assert (hamid.latitude, hamid.longitude) == (-2.3412, 115.4821)
    assert hamid.entered_by == "Nor Inan" and hamid.details["land_owned"] is True
    again = fieldwork.import_field_file(app, admin, export, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing) == (0, 2)


def test_kobotoolbox_csv_with_semicolons_quotes_and_a_bom_imports_as_its_xlsx(field_env,
                                                                              tmp_path):
    """KoboToolbox's CSV download: ';' between cells, every cell quoted, UTF-8 with a BOM."""
    app, admin, form = field_env
    export, media = tmp_path / "kobo.xlsx", tmp_path / "kobo-media.zip"
    _kobo_xlsx(form, export, media)
    rows = list(load_workbook(export).active.values)
    text = "\r\n".join(";".join('"' + ("" if v is None else str(v)).replace('"', '""') + '"'
                                for v in row) for row in rows)
    kobo_csv = tmp_path / "kobo.csv"
    kobo_csv.write_bytes(("\ufeff" + text + "\r\n").encode("utf-8"))
    assert fieldwork.is_field_export(kobo_csv)
    first = fieldwork.import_field_file(app, admin, kobo_csv, media=media, error_dir=tmp_path)
    # Abdul Hamid and Siti Aisyah imported, the row without a desa refused.
    assert (first.imported, first.rejected) == (2, 1), first.summary()
    _check_imported(app, admin)
