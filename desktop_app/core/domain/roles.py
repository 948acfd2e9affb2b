"""Roles and the permissions each one has; enforced by the service layer."""

from __future__ import annotations

from desktop_app.core.domain.labels import LabeledEnum


class Role(LabeledEnum):
    ADMIN = "admin", "Administrator"
    OPERATOR = "operator", "Operator / Enumerator"  # front desk and desa enumerators
    VERIFIER = "verifier", "Verifikator"  # section staff who verify and follow up
    PIMPINAN = "pimpinan", "Pimpinan"  # camat or head of agency: reads, approves, signs
    # Bappeda or kecamatan planning staff: the region's frame, screening, ranking, Musrenbang
    PLANNER = "perencana", "Perencana"


class Permission(LabeledEnum):
    """What a role may do; the label finishes "Peran X tidak diizinkan …" in Indonesian."""

    MANAGE_USERS = "manage_users", "mengelola pengguna"
    # office profile, regions, units, settings, holidays
    MANAGE_OFFICE = "manage_office", "mengubah profil kantor, wilayah dan pengaturan"
    VIEW_AUDIT = "view_audit", "melihat jejak audit"
    MANAGE_BACKUPS = "manage_backups", "mengelola cadangan data"
    # unmasked NIK, No. KK, income
    VIEW_PERSONAL_DATA = "view_personal_data", "melihat data pribadi (NIK, No. KK, penghasilan)"
    # KULA RAKAT intake
    SUBMISSION_CREATE = "submission_create", "mencatat usulan, laporan atau aduan baru"
    SUBMISSION_EDIT = "submission_edit", "mengubah data usulan, laporan atau aduan"
    SUBMISSION_VERIFY = "submission_verify", "memverifikasi usulan, laporan atau aduan"
    SUBMISSION_DISPOSE = "submission_dispose", "mendisposisikan usulan, laporan atau aduan"
    SUBMISSION_VIEW = "submission_view", "melihat usulan, laporan atau aduan"
    DATA_EXPORT = "data_export", "mengekspor data"
    DATA_IMPORT = "data_import", "mengimpor data"
    # Ranking
    CRITERIA_MANAGE = "criteria_manage", "mengelola kriteria peringkat"
    RANKING_RUN = "ranking_run", "menghitung peringkat"
    RANKING_FREEZE = "ranking_freeze", "membekukan daftar prioritas"
    RANKING_APPROVE = "ranking_approve", "menyetujui daftar prioritas"
    # Meetings (RUKO PARSEL)
    MEETING_VIEW = "meeting_view", "melihat rapat koordinasi"
    MEETING_EDIT = "meeting_edit", "mengubah rapat koordinasi"
    MEETING_FINALIZE = "meeting_finalize", "memfinalisasi notulen rapat"
    ACTION_UPDATE = "action_update", "mencatat perkembangan tindak lanjut"
    # REMBUK REMAS / Musrenbang (planning)
    PLANNING_VIEW = "planning_view", "melihat data perencanaan"
    # enter, import and correct usulan
    PLANNING_ENTER = "planning_enter", "mencatat atau mengubah usulan Musrenbang"
    # screening verdicts, scores, ranking, UTAMA/CADANGAN
    PLANNING_SCREEN = "planning_screen", "menyaring dan memeringkat usulan Musrenbang"
    # fix a tier's result (BA), forward it, reopen
    PLANNING_FINALIZE = "planning_finalize", "menetapkan hasil rembuk/Musrenbang"
    # years, priorities, macro problems, ceilings, kamus, criteria
    PLANNING_FRAME = "planning_frame", "mengubah kerangka perencanaan"
    # accountability: RKPD, APBD, progress, done
    PLANNING_TRACK = "planning_track", "mencatat realisasi usulan"


_ALL = frozenset(Permission)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _ALL,
    Role.OPERATOR: frozenset(
        {
            Permission.SUBMISSION_CREATE,
            Permission.SUBMISSION_EDIT,
            Permission.SUBMISSION_VIEW,
            Permission.DATA_IMPORT,
            Permission.MEETING_VIEW,
            Permission.MEETING_EDIT,
            Permission.ACTION_UPDATE,
            Permission.PLANNING_VIEW,
            Permission.PLANNING_ENTER,
        }
    ),
    Role.VERIFIER: frozenset(
        {
            Permission.SUBMISSION_CREATE,
            Permission.SUBMISSION_EDIT,
            Permission.SUBMISSION_VERIFY,
            Permission.SUBMISSION_DISPOSE,
            Permission.SUBMISSION_VIEW,
            Permission.VIEW_PERSONAL_DATA,
            Permission.DATA_EXPORT,
            Permission.DATA_IMPORT,
            Permission.RANKING_RUN,
            Permission.RANKING_FREEZE,
            Permission.MEETING_VIEW,
            Permission.MEETING_EDIT,
            Permission.MEETING_FINALIZE,
            Permission.ACTION_UPDATE,
            Permission.PLANNING_VIEW,
            Permission.PLANNING_ENTER,
            Permission.PLANNING_SCREEN,
            Permission.PLANNING_TRACK,
        }
    ),
    Role.PIMPINAN: frozenset(
        {
            Permission.SUBMISSION_VIEW,
            Permission.SUBMISSION_DISPOSE,
            Permission.VIEW_PERSONAL_DATA,
            Permission.DATA_EXPORT,
            Permission.VIEW_AUDIT,
            Permission.RANKING_RUN,
            Permission.RANKING_APPROVE,
            Permission.MEETING_VIEW,
            Permission.MEETING_FINALIZE,
            Permission.PLANNING_VIEW,
            Permission.PLANNING_FINALIZE,
        }
    ),
    Role.PLANNER: frozenset(
        {
            Permission.SUBMISSION_VIEW,
            Permission.DATA_EXPORT,
            Permission.DATA_IMPORT,
            Permission.RANKING_RUN,  # reads KULA RAKAT's frozen priority lists
            Permission.MEETING_VIEW,
            Permission.MEETING_EDIT,
            Permission.MEETING_FINALIZE,
            Permission.ACTION_UPDATE,
            Permission.PLANNING_VIEW,
            Permission.PLANNING_ENTER,
            Permission.PLANNING_SCREEN,
            Permission.PLANNING_FINALIZE,
            Permission.PLANNING_FRAME,
            Permission.PLANNING_TRACK,
        }
    ),
}


def has_permission(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(Role(role), frozenset())
