from ..permissions import A, Case

# No persona of the matrix is a functional administrator, so all are refused (test_retention.py has one).
CASES = {
    "retention_report": Case("get", expect={A: 302}, default=404),
    "retention_destroy": Case(
        "post",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        data={"confirm_reference": "KR-NL-2026-0042"},
        expect={A: 302},
        default=404,
    ),
}
