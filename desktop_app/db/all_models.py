"""Every feature's ORM models; importing this module registers every table on ``Base.metadata``.

Alembic (``db/migrations/env.py``) and start-up import it. A new feature adds one line.
"""

from desktop_app.core import models as core_models  # noqa: F401
from desktop_app.db.base import Base
from desktop_app.intake import models as intake_models  # noqa: F401
from desktop_app.meetings import models as meetings_models  # noqa: F401
from desktop_app.planning import models as planning_models  # noqa: F401
from desktop_app.ranking import models as ranking_models  # noqa: F401

__all__ = ["Base"]
