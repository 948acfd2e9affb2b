"""The pages the main window offers, by group; a feature adds its pages with one entry here."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.domain.roles import Permission


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
             "desktop_app.intake.gui.list_page:IntakeListPage", Permission.SUBMISSION_VIEW, 10),
    PageSpec("intake_settings", "KULA RAKAT", "Hari Libur, Tenggat & Kategori",
             "desktop_app.intake.gui.settings_page:IntakeSettingsPage", Permission.MANAGE_OFFICE,
             90),
    PageSpec("meetings", "RUKO PARSEL", "Rapat Koordinasi",
             "desktop_app.meetings.gui.list_page:MeetingListPage", Permission.MEETING_VIEW, 10),
    PageSpec("meeting_actions", "RUKO PARSEL", "Tindak Lanjut",
             "desktop_app.meetings.gui.actions_page:ActionTrackerPage", Permission.MEETING_VIEW,
             20),
    PageSpec("desa_profile", "RUKO PARSEL", "Profil Desa",
             "desktop_app.meetings.gui.desa_profile_page:DesaProfilePage", Permission.MEETING_VIEW, 30),
    PageSpec("meeting_recap", "RUKO PARSEL", "Rekap RUKO PARSEL",
             "desktop_app.meetings.gui.recap_page:MeetingRecapPage", Permission.MEETING_VIEW, 40),
    PageSpec("meeting_lists", "RUKO PARSEL", "Jenis Rapat & Topik",
             "desktop_app.meetings.gui.lists_page:MeetingListsPage", Permission.MANAGE_OFFICE, 90),
    PageSpec("ranking", "Peringkat Prioritas", "Peringkat Prioritas",
             "desktop_app.ranking.gui.page:RankingPage", Permission.RANKING_RUN, 10),
    PageSpec("office_profile", "Pengaturan", "Profil Kantor",
             "desktop_app.core.gui.office_profile_page:OfficeProfilePage", Permission.MANAGE_OFFICE, 10),
    PageSpec("regions_units", "Pengaturan", "Wilayah & Seksi",
             "desktop_app.core.gui.regions_units_page:RegionsUnitsPage", None, 20),
    PageSpec("users", "Pengaturan", "Pengguna",
             "desktop_app.core.gui.users_page:UsersPage", Permission.MANAGE_USERS, 30),
    PageSpec("audit", "Pengaturan", "Jejak Audit",
             "desktop_app.core.gui.audit_page:AuditPage", Permission.VIEW_AUDIT, 40),
    PageSpec("backups", "Pengaturan", "Cadangan Data",
             "desktop_app.core.gui.backups_page:BackupsPage", Permission.MANAGE_BACKUPS, 50),
]


def visible_pages(can: object) -> list[PageSpec]:
    """Pages the actor may open, ordered by group then order. ``can`` is Actor.can."""
    allowed = [p for p in PAGES if p.permission is None or can(p.permission)]  # type: ignore[operator]

    def key(p: PageSpec) -> tuple[int, int]:
        group = GROUP_ORDER.index(p.group) if p.group in GROUP_ORDER else len(GROUP_ORDER)
        return group, p.order

    return sorted(allowed, key=key)
