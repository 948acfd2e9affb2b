"""Qt widgets. Talks to services only; never holds an ORM session or object."""
