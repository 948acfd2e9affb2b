"""Use cases. Each public function takes the acting user, checks permission and audits changes."""
