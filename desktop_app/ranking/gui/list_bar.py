"""What list is shown and what can be done with it: freeze, print, export, back to the working
ranking. The buttons never move or hide: each is enabled when it applies, and the text beside
them names the list they act on (a print after *Bekukan* prints the frozen list, never the
draft by accident)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_datetime
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.operations import PRIORITY_LISTS, Op
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.submissions import Category
from desktop_app.ranking.services import lists, printing
from desktop_app.ranking.services.lists import PriorityListInfo

EMPTY_TEXT = ("Belum ada peringkat untuk kategori ini. Tekan <b>Hitung peringkat</b>.")


def describe(info: PriorityListInfo, scope_text: str) -> str:
    """One paragraph on the list shown: which list, how it was made, how many rows."""
    if info.is_draft:
        kind = "Peringkat kerja (draf, belum dibekukan)"
    else:
        kind = f"Daftar beku no. {info.number} “{info.title}” · {info.status_label}"
    return (f"Ditampilkan: <b>{kind}</b> · {info.method_label} · {info.criteria_label} · "
            f"cakupan {scope_text} · dihitung {format_datetime(info.created_at)} oleh "
            f"{info.created_by_name} · <b>{info.ranked_count}</b> diperingkat, "
            f"<b>{info.ineligible_count}</b> tidak memenuhi syarat. Baris kuning: ada nilai "
            "kosong (dihitung paling tidak mendesak).")


class ListBar(QWidget):
    list_shown = Signal(object)  # a PriorityListInfo made here (a frozen list)
    draft_requested = Signal()

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.info: PriorityListInfo | None = None
        self.text = QLabel(EMPTY_TEXT)
        self.text.setWordWrap(True)
        self.print_button = QPushButton("&Cetak daftar ini (PDF)")
        self.export_button = QPushButton("&Ekspor Excel…")
        self.freeze_button = QPushButton("&Bekukan sebagai daftar prioritas…")
        self.draft_button = QPushButton("Tampilkan peringkat ker&ja")
        self.print_button.setToolTip("Mencetak daftar yang sedang ditampilkan (Ctrl+P).")
        for button, handler in ((self.print_button, self.print_list),
                                (self.export_button, self.export_list),
                                (self.freeze_button, self.freeze),
                                (self.draft_button, self.draft_requested.emit)):
            button.clicked.connect(handler)
        # Two rows of buttons in a grid: fixed places, and they fit a 1024 px screen.
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.print_button, 0, 0)
        buttons.addWidget(self.export_button, 0, 1)
        buttons.addWidget(self.freeze_button, 1, 0)
        buttons.addWidget(self.draft_button, 1, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        layout.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        self.set_list(None, "")

    def set_list(self, info: PriorityListInfo | None, scope_text: str) -> None:
        self.info = info
        shown = info is not None
        draft = info is not None and info.is_draft
        self.text.setText(describe(info, scope_text) if info is not None else EMPTY_TEXT)
        self.print_button.setEnabled(shown)
        self.export_button.setEnabled(shown and self.actor.can(Permission.DATA_EXPORT))
        self.freeze_button.setEnabled(draft and self.actor.can(Permission.RANKING_FREEZE))
        self.draft_button.setEnabled(shown and not draft)
        if info is not None:
            name = "draf peringkat kerja" if draft else f"daftar beku no. {info.number}"
            self.print_button.setToolTip(f"Mencetak {name} (Ctrl+P).")

    # -- actions -------------------------------------------------------------------------------
    def print_list(self) -> None:
        info = self.info
        if info is None:
            return
        stem = f"daftar-prioritas-{info.category}" + ("-draf" if info.is_draft
                                                      else f"-no{info.number}")
        print_preview(self, self.app, stem, lambda target, progress:
                      printing.print_priority_list(self.app, self.actor, info.id, target,
                                                   progress),
                      title="Mencetak daftar prioritas…")

    def export_list(self) -> None:
        info = self.info
        if info is None:
            return
        target = pdf.ask_save_path(self, "Simpan daftar peringkat",
                                   f"peringkat-{info.category}.xlsx", "Excel (*.xlsx)")
        if target is None:
            return
        Op(self, lambda progress: printing.export_list_xlsx(self.app, self.actor, info.id,
                                                             target, progress),
           title="Mengekspor…") \
            .success(lambda path: messages.info(self, f"Daftar peringkat disimpan di {path}.")) \
            .run_in_background()

    def freeze(self) -> None:
        info = self.info
        if info is None or not info.is_draft:
            return
        default = f"Daftar Prioritas {Category(info.category).label} {clock.today().year}"
        title = messages.ask_text(self, "Bekukan daftar prioritas",
                                  "Judul daftar (mis. Daftar Prioritas RTLH TA 2027):", default)
        if title is None:
            return

        def done(frozen: PriorityListInfo) -> None:
            messages.info(self, f"Daftar no. {frozen.number} “{frozen.title}” dibekukan: "
                                f"{frozen.ranked_count} diperingkat. Daftar ini tidak akan "
                                "berubah lagi; yang ditampilkan kini daftar beku ini.",
                          "Daftar dibekukan")
            self.list_shown.emit(frozen)

        Op(self, lambda progress: lists.freeze(self.app, self.actor, info.id, title, progress),
           changes={PRIORITY_LISTS}, title="Membekukan daftar…") \
            .success(done).run_in_background()
