"""Upload, mapping and commit forms for web imports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.imports.staging import fields_for

FORMAT_CHOICES = [("", _("Recognise from the columns")), ("uhri", _("UHRI export")),
                  ("upr-info", _("UPR Info database")), ("tabular", _("Other table (map the columns)")),
                  ("plan", _("Action-plan measures"))]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, required=False)


class MappingForm(forms.Form):
    """One choice per column of the file: the field it feeds, or nothing."""

    def __init__(self, *args, staged, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not imported —"))] + [(f, f) for f in fields_for(staged.format)]
        known = set(fields_for(staged.format))
        self.headers = [h for h in staged.headers if h]
        for index, header in enumerate(self.headers):
            initial = staged.mapping.get(header) or (header if header in known else "")
            self.fields[f"column_{index}"] = forms.ChoiceField(label=header, choices=choices, required=False,
                                                               initial=initial)

    def mapping(self) -> dict[str, str]:
        return {header: self.cleaned_data[f"column_{i}"] for i, header in enumerate(self.headers)}


class CommitForm(forms.Form):
    partial = forms.BooleanField(label=_("Import the valid rows only and skip the rejected ones"), required=False)
