"""Upload, mapping and commit forms for web imports."""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rightstrack.imports.models import StagedImport
from rightstrack.imports.staging import fields_for
from rightstrack.taxonomy.models import Term, Vocabulary

FORMAT_CHOICES = [("", _("Recognise from the columns")), *StagedImport.Format.choices]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV, XLSX or PDF file"))
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


LABELS_SHOWN = 50  # the most used unknown labels offered for mapping; the rest stay listed with their rows


class LabelMappingForm(forms.Form):
    """One choice per label of the file that matches no term: the term it means (the closest one is proposed), or
    none, which leaves its rows rejected."""

    def __init__(self, *args, staged, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = staged.counts.get("unknown_labels", [])[:LABELS_SHOWN]
        vocabularies = {item["vocabulary"] for item in self.items}
        terms: dict[str, list] = {v: [] for v in vocabularies}
        for term in Term.objects.filter(vocabulary__in=vocabularies).order_by("vocabulary", "code"):
            terms[term.vocabulary].append(term)
        self.terms = {str(term.pk): term for listed in terms.values() for term in listed}
        for item in self.items:
            choices = [("", _("— none: leave these rows rejected —"))] + [(str(t.pk), str(t))
                                                                         for t in terms[item["vocabulary"]]]
            self.fields[_field_name(item)] = forms.ChoiceField(
                label=item["label"], choices=choices, required=False,
                initial=str(item["suggestion"]) if item["suggestion"] else "",
                help_text=ngettext("%(vocabulary)s, %(rows)s row", "%(vocabulary)s, %(rows)s rows", item["rows"])
                % {"vocabulary": Vocabulary(item["vocabulary"]).label, "rows": item["rows"]})

    def chosen(self) -> dict[tuple[str, str], Term]:
        """(vocabulary, label) -> the term chosen for it, for the labels given one."""
        return {(item["vocabulary"], item["label"]): self.terms[self.cleaned_data[_field_name(item)]]
                for item in self.items if self.cleaned_data.get(_field_name(item))}


def _field_name(item: dict) -> str:
    """Named after the label itself, not its place in the list: a form sent for an earlier staging of the file
    cannot map one label's choice onto another label."""
    digest = hashlib.blake2b(f"{item['vocabulary']}\n{item['label']}".encode(), digest_size=8).hexdigest()
    return f"label_{digest}"
