"""Imports the feature modules' model files so their tables join ``Base.metadata``.

Each feature (intake, ranking, meetings) adds one guarded import line here.
"""

from desktop_app.db.models import intake  # noqa: E402,F401,I001
from desktop_app.db.models import meetings  # noqa: E402,F401
from desktop_app.db.models import ranking  # noqa: E402,F401
