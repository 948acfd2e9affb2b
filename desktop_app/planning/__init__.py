"""REMBUK REMAS: community proposals (usulan Musrenbang) screened and ranked tier by tier,
from RT/RW and desa to kecamatan and kabupaten, and tracked to realisation."""
