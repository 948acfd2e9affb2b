"""The meeting editor: ``dialog.MeetingEditorDialog`` (the shell) and one module per tab."""

from desktop_app.meetings.gui.editor.dialog import MeetingEditorDialog, new_meeting_template

__all__ = ["MeetingEditorDialog", "new_meeting_template"]
