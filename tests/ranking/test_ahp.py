"""AHP weights and consistency ratio against a published worked example."""

import pytest

from desktop_app.ranking.domain.ahp import ahp_weights, build_matrix


def test_saaty_three_criteria_example():
    # The classic 3×3 example (criteria judged 3, 5 and 3): published weights 0.637, 0.258,
    # 0.105, λmax ≈ 3.039, CI ≈ 0.019 and CR ≈ 0.033 with Saaty's RI(3) = 0.58.
    matrix = build_matrix(3, {(0, 1): 3, (0, 2): 5, (1, 2): 3})
    result = ahp_weights(matrix)
    assert result.weights == pytest.approx([0.637, 0.258, 0.105], abs=0.002)
    assert result.lambda_max == pytest.approx(3.039, abs=0.002)
    assert result.consistency_ratio == pytest.approx(0.033, abs=0.002)
    assert result.is_consistent and result.warning == ""


def test_inconsistent_judgements_warn():
    # A > B, B > C, yet C ≫ A: circular, so the ratio is far above 0.1.
    result = ahp_weights(build_matrix(3, {(0, 1): 5, (1, 2): 5, (0, 2): 1 / 7}))
    assert result.consistency_ratio > 0.1
    assert "melebihi 0,1" in result.warning


def test_consistent_matrix_has_zero_ratio_and_exact_weights():
    # Weights 4:2:1 expressed perfectly: a_ij = w_i / w_j.
    result = ahp_weights(build_matrix(3, {(0, 1): 2, (0, 2): 4, (1, 2): 2}))
    assert result.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)


def test_invalid_input_messages():
    with pytest.raises(ValueError, match="skala Saaty"):
        build_matrix(2, {(0, 1): 12})
    with pytest.raises(ValueError, match="resiprokal"):
        ahp_weights([[1, 2], [2, 1]])
