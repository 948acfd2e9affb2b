"""RUKO PARSEL dialogs: the meeting editor and its small forms."""
