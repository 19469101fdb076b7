from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Renders every form field with a label, hint and error linked for screen readers (ui/_field.html)."""

    field_template_name = "ui/_field.html"
