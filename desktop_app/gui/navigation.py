"""The pages the main window offers, by group; a feature adds its pages with one entry here."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.roles import Permission


@dataclass(frozen=True)
class PageSpec:
    key: str
    group: str
    title: str
    factory: str  # "module:Class"; the class takes (app, actor, parent) and is built lazily
    permission: Permission | None = None
    order: int = 100


GROUP_ORDER = ["KULA RAKAT", "Peringkat Prioritas", "RUKO PARSEL", "Pengaturan"]

PAGES: list[PageSpec] = [
    PageSpec("intake", "KULA RAKAT", "Usulan, Laporan & Aduan",
             "desktop_app.gui.pages.intake_list:IntakeListPage", Permission.SUBMISSION_VIEW, 10),
    PageSpec("intake_settings", "KULA RAKAT", "Hari Libur, Tenggat & Kategori",
             "desktop_app.gui.pages.intake_settings:IntakeSettingsPage", Permission.MANAGE_OFFICE,
             90),
    PageSpec("meetings", "RUKO PARSEL", "Rapat Koordinasi",
             "desktop_app.gui.pages.meetings_list:MeetingListPage", Permission.MEETING_VIEW, 10),
    PageSpec("meeting_actions", "RUKO PARSEL", "Tindak Lanjut",
             "desktop_app.gui.pages.meeting_actions:ActionTrackerPage", Permission.MEETING_VIEW,
             20),
    PageSpec("desa_profile", "RUKO PARSEL", "Profil Desa",
             "desktop_app.gui.pages.desa_profile:DesaProfilePage", Permission.MEETING_VIEW, 30),
    PageSpec("meeting_recap", "RUKO PARSEL", "Rekap RUKO PARSEL",
             "desktop_app.gui.pages.meeting_recap:MeetingRecapPage", Permission.MEETING_VIEW, 40),
    PageSpec("meeting_lists", "RUKO PARSEL", "Jenis Rapat & Topik",
             "desktop_app.gui.pages.meeting_lists:MeetingListsPage", Permission.MANAGE_OFFICE, 90),
    PageSpec("ranking", "Peringkat Prioritas", "Peringkat Prioritas",
             "desktop_app.gui.pages.ranking:RankingPage", Permission.RANKING_RUN, 10),
    PageSpec("office_profile", "Pengaturan", "Profil Kantor",
             "desktop_app.gui.pages.office_profile:OfficeProfilePage", Permission.MANAGE_OFFICE, 10),
    PageSpec("regions_units", "Pengaturan", "Wilayah & Seksi",
             "desktop_app.gui.pages.regions_units:RegionsUnitsPage", None, 20),
    PageSpec("users", "Pengaturan", "Pengguna",
             "desktop_app.gui.pages.users:UsersPage", Permission.MANAGE_USERS, 30),
    PageSpec("audit", "Pengaturan", "Jejak Audit",
             "desktop_app.gui.pages.audit:AuditPage", Permission.VIEW_AUDIT, 40),
    PageSpec("backups", "Pengaturan", "Cadangan Data",
             "desktop_app.gui.pages.backups:BackupsPage", Permission.MANAGE_BACKUPS, 50),
]


def visible_pages(can: object) -> list[PageSpec]:
    """Pages the actor may open, ordered by group then order. ``can`` is Actor.can."""
    allowed = [p for p in PAGES if p.permission is None or can(p.permission)]  # type: ignore[operator]

    def key(p: PageSpec) -> tuple[int, int]:
        group = GROUP_ORDER.index(p.group) if p.group in GROUP_ORDER else len(GROUP_ORDER)
        return group, p.order

    return sorted(allowed, key=key)
