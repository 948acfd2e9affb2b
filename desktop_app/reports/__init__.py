"""PDF printouts (reportlab) with kop surat, on A4 or F4 paper, fonts embedded."""
