"""Imports the feature modules' model files so their tables join ``Base.metadata``.

Each feature (intake, ranking, meetings) adds one guarded import line here.
"""

from desktop_app.db.models import intake  # noqa: E402,F401
