"""Demo data: a realistic office so a new user sees every module working at once."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.core.domain.roles import Role
from desktop_app.core.services import auth, office, setup
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.services import demo as intake_demo
from desktop_app.meetings.services import demo as meetings_demo
from desktop_app.planning.services import demo as planning_demo

DEMO_PASSWORD = "parseldemo26"  # documented in README; demo databases only

# Each feature's demo filler gets (app, admin_actor) and fills its part; a feature adds a line.
DEMO_FILLERS: list[tuple[str, Callable[[AppContext, Actor], object]]] = [
    ("KULA RAKAT", intake_demo.fill),
    ("RUKO PARSEL", meetings_demo.fill),
    ("REMBUK REMAS", planning_demo.fill),
]

DEMO_UNITS = [
    ("Sekretariat", "Hj. Rusmilawati, S.Sos"),
    ("Seksi Pemerintahan", "Ahmad Fauzi, S.IP"),
    ("Seksi Pemberdayaan Masyarakat dan Desa", "Nor Hasanah, S.E"),
    ("Seksi Ketenteraman dan Ketertiban Umum", "M. Rizal Effendi"),
    ("Seksi Pelayanan Umum", "Siti Mariam, A.Md"),
]

DEMO_USERS = [
    ("admin", "Admin Kecamatan", Role.ADMIN, "Pranata Komputer"),
    ("operator", "Rina Apriani", Role.OPERATOR, "Petugas Pelayanan"),
    ("enumerator.inan", "Yusuf Hidayat", Role.OPERATOR, "Enumerator Desa Inan"),
    ("verifikator", "Muhammad Syahrani, S.T", Role.VERIFIER, "Kasi Pemerintahan"),
    ("camat", "MEGAWATI, S.Pd, M.Pd", Role.PIMPINAN, "Camat Paringin Selatan"),
    ("perencana", "Nor Hasanah, S.E", Role.PLANNER, "Kasi PMD (Musrenbang Kecamatan)"),
]


def demo_profile() -> office.OfficeProfileData:
    from desktop_app.paths import resource_path

    logo_path = resource_path("icons", "logo_balangan.png")
    return office.OfficeProfileData(
        office_kind="kecamatan",
        government_line="PEMERINTAH KABUPATEN BALANGAN",
        name="KECAMATAN PARINGIN SELATAN",
        short_name="Kec-PS",
        address="Jl. A. Yani Km. 2,5 Batu Piring, Paringin Selatan",
        city="Paringin",
        postal_code="71618",
        phone="(0526) 2028 123",
        email="kec.paringinselatan@balangankab.go.id",
        website="paringinselatan.balangankab.go.id",
        head_name="MEGAWATI, S.Pd, M.Pd",
        head_title="Camat Paringin Selatan",
        head_rank="Pembina Tk. I (IV/b)",
        head_nip="197503122000032004",
        region_code="63.11.07",
        paper_size="A4",
        letter_number_pattern="{kode}/{nomor}/{singkatan}/{tahun}",
        logo=logo_path.read_bytes() if logo_path.exists() else None,
    )


def fill_demo(app: AppContext, progress: Callable[[str], None] | None = None) -> Actor:
    """Create the demo office and its admin (first-run set-up: an empty database only), then as
    that admin the other users, the units and every feature's demo records."""
    say = progress or (lambda _msg: None)
    admin: Actor | None = None
    for username, full_name, role, position in DEMO_USERS:
        data = auth.UserInput(username, full_name, role, DEMO_PASSWORD, position=position,
                              desa_code="63.11.07.2003" if username == "enumerator.inan" else None)
        if admin is None:
            admin = setup.first_run(app, data, demo_profile())
        else:
            auth.create_user(app, admin, data)
    assert admin is not None and admin.role == Role.ADMIN
    for name, head in DEMO_UNITS:
        office.save_unit(app, admin, None, name, head)
    say("Kantor, pengguna dan seksi dibuat")
    for name, filler in DEMO_FILLERS:
        filler(app, admin)
        say(f"Data contoh {name} dibuat")
    return admin
