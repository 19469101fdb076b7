"""Documents are real PDFs, and rendering one never reads a file or the network."""

from io import BytesIO

from django.template import engines
from pypdf import PdfReader

from kring.ui.pdf import html_to_pdf, pdf_response

PROBE = """{% extends "ui/pdf_base.html" %}{% block content %}
<h1>Veiligheidsplan</h1><p>{{ rule }}</p><img src="file:///etc/hostname"><img src="http://example.org/x.png">
{% endblock %}"""


def test_a_template_becomes_a_pdf_whose_text_can_be_read_back():
    context = {"dossier": {"reference": "KR-NL-2026-0042"}, "rule": "Oma haalt Mila op."}
    pdf = html_to_pdf(engines["django"].from_string(PROBE).render(context))
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF-")
    assert "Oma haalt Mila op." in text
    assert "KR-NL-2026-0042" in text
    assert "page 1 / 1" in text or "pagina 1 / 1" in text


def test_the_download_is_named_after_the_reference_and_not_stored():
    response = pdf_response(b"%PDF-1.7", "KR-NL-2026-0042 veiligheidsplan")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kr-nl-2026-0042-veiligheidsplan.pdf"'
    assert response["Cache-Control"] == "no-store"
