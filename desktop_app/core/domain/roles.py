"""Roles and the permissions each one has; enforced by the service layer."""

from __future__ import annotations

from enum import StrEnum

from desktop_app.core.domain.labels import LabeledEnum


class Role(LabeledEnum):
    ADMIN = "admin", "Administrator"
    OPERATOR = "operator", "Operator / Enumerator"  # front desk and desa enumerators
    VERIFIER = "verifier", "Verifikator"  # section staff who verify and follow up
    PIMPINAN = "pimpinan", "Pimpinan"  # camat or head of agency: reads, approves, signs
    # Bappeda or kecamatan planning staff: the region's frame, screening, ranking, Musrenbang
    PLANNER = "perencana", "Perencana"


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_OFFICE = "manage_office"  # office profile, regions, units, settings, holidays
    VIEW_AUDIT = "view_audit"
    MANAGE_BACKUPS = "manage_backups"
    VIEW_PERSONAL_DATA = "view_personal_data"  # unmasked NIK, No. KK, income
    # KULA RAKAT intake
    SUBMISSION_CREATE = "submission_create"
    SUBMISSION_EDIT = "submission_edit"
    SUBMISSION_VERIFY = "submission_verify"
    SUBMISSION_DISPOSE = "submission_dispose"
    SUBMISSION_VIEW = "submission_view"
    DATA_EXPORT = "data_export"
    DATA_IMPORT = "data_import"
    # Ranking
    CRITERIA_MANAGE = "criteria_manage"
    RANKING_RUN = "ranking_run"
    RANKING_FREEZE = "ranking_freeze"
    RANKING_APPROVE = "ranking_approve"
    # Meetings (RUKO PARSEL)
    MEETING_VIEW = "meeting_view"
    MEETING_EDIT = "meeting_edit"
    MEETING_FINALIZE = "meeting_finalize"
    ACTION_UPDATE = "action_update"
    # REMBUK REMAS / Musrenbang (planning)
    PLANNING_VIEW = "planning_view"
    PLANNING_ENTER = "planning_enter"  # enter, import and correct usulan
    PLANNING_SCREEN = "planning_screen"  # screening verdicts, scores, ranking, UTAMA/CADANGAN
    PLANNING_FINALIZE = "planning_finalize"  # fix a tier's result (BA), forward it, reopen
    PLANNING_FRAME = "planning_frame"  # years, priorities, macro problems, ceilings, kamus, criteria
    PLANNING_TRACK = "planning_track"  # accountability: RKPD, APBD, progress, done


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
