"""REMBUK REMAS screens: the usulan list and form, the rembuk with its screening table,
the frame (priorities, macro problems, ceilings, kamus, criteria) and accountability."""
