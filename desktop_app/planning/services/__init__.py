"""REMBUK REMAS use cases: the frame, proposals, rembuk and screening, scoring, tiers,
exchange, printing and accountability. Every public function takes ``(app, actor, ...)``."""
