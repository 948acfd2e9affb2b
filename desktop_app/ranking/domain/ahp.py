"""Analytic Hierarchy Process: weights from pairwise comparisons, with Saaty's consistency ratio."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.core.domain.formatting import format_number

# Saaty's random consistency index by matrix size (n = 1..15).
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}
CONSISTENCY_LIMIT = 0.1

SAATY_SCALE = {
    1: "sama penting", 3: "sedikit lebih penting", 5: "lebih penting",
    7: "sangat lebih penting", 9: "mutlak lebih penting",
}


@dataclass(frozen=True)
class AhpResult:
    weights: list[float]  # principal eigenvector, normalised to sum 1
    lambda_max: float
    consistency_index: float
    consistency_ratio: float

    @property
    def random_index(self) -> float:
        """Saaty's RI for this matrix size."""
        return RANDOM_INDEX[len(self.weights)]

    @property
    def summary(self) -> str:
        """The figures a textbook prints under an AHP example, in the same order."""
        n = len(self.weights)
        if self.random_index <= 0:
            return f"n = {n}: matriks sebesar ini selalu konsisten (CR = 0)"
        return (f"λmaks = {format_number(self.lambda_max, 3)}; "
                f"CI = (λmaks − n) ÷ (n − 1) = {format_number(self.consistency_index, 3)}; "
                f"RI (n = {n}) = {format_number(self.random_index, 2)}; "
                f"CR = CI ÷ RI = {format_number(self.consistency_ratio, 3)}")

    @property
    def is_consistent(self) -> bool:
        return self.consistency_ratio <= CONSISTENCY_LIMIT

    @property
    def warning(self) -> str:
        if self.is_consistent:
            return ""
        return (
            f"Rasio konsistensi {format_number(self.consistency_ratio, 3)} melebihi 0,1: perbandingan "
            "berpasangan belum konsisten. Tinjau kembali penilaian yang saling bertentangan."
        )


def build_matrix(n: int, judgements: Mapping[tuple[int, int], float]) -> list[list[float]]:
    """Reciprocal matrix from the upper-triangle judgements a[i][j] (i < j), Saaty 1/9 … 9."""
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), value in judgements.items():
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise ValueError(f"Pasangan kriteria ({i + 1}, {j + 1}) tidak valid.")
        if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
            raise ValueError(
                f"Nilai perbandingan {value} di luar skala Saaty (1/9 sampai 9)."
            )
        matrix[i][j] = float(value)
        matrix[j][i] = 1.0 / float(value)
    return matrix


def ahp_weights(matrix: Sequence[Sequence[float]]) -> AhpResult:
    """Saaty's method: principal right eigenvector, λmax, CI = (λmax−n)/(n−1), CR = CI/RI."""
    import numpy as np

    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    if a.ndim != 2 or a.shape[1] != n or n == 0:
        raise ValueError("Matriks perbandingan harus persegi dan tidak kosong.")
    if n > max(RANDOM_INDEX):
        raise ValueError(f"AHP dengan lebih dari {max(RANDOM_INDEX)} kriteria tidak didukung.")
    if np.any(a <= 0):
        raise ValueError("Semua nilai perbandingan harus positif.")
    if not np.allclose(a * a.T, 1.0, rtol=1e-6):
        raise ValueError("Matriks perbandingan harus resiprokal (a[j][i] = 1 / a[i][j]).")
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult([float(w) for w in weights], lambda_max, max(ci, 0.0), max(cr, 0.0))
