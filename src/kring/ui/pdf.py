"""Documents as real PDFs: a Django template rendered by WeasyPrint.

Templates extend `ui/pdf_base.html` (A4, the dossier reference and "confidential" on every page, page
numbers). Only `data:` URLs are fetched — images are embedded by the caller — so a document can never read
a file or reach the network, whatever text it contains.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher

PDF_CONTENT_TYPE = "application/pdf"


def render_pdf(template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    return html_to_pdf(render_to_string(template_name, context, request=request))


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """The PDF as a download. `filename` must not hold personal data (use the dossier reference)."""
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(filename) or "document"}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
