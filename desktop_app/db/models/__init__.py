"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from desktop_app.db.base import Base  # noqa: I001 - feature_models must come last
from desktop_app.db.models.core import (
    AuditChainHead,
    AuditLog,
    OfficeProfile,
    OfficeUnit,
    Region,
    Setting,
    User,
)

# Feature modules add their model modules here (one import line each).
from desktop_app.db.models import feature_models  # noqa: F401,E402

__all__ = [
    "AuditChainHead",
    "AuditLog",
    "Base",
    "OfficeProfile",
    "OfficeUnit",
    "Region",
    "Setting",
    "User",
]
