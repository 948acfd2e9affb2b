"""Plain-Python domain: enums, value objects and rules. Never imports Qt or SQLAlchemy."""
