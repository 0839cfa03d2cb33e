"""One theme tree: the current (uncoded) UHRI theme labels that name a legacy coded theme are merged into it.

The 47 whose labels differ at most in "&" or case are merged. The coded term stays (its code places it in the tree); the current label becomes its alias, so imports and search
still find it. Tags, subscriptions and aliases of the merged term move to the coded one; a recommendation or measure
tagged with both keeps one tag, accepted if either was."""

from django.db import migrations

from rightstrack.core.text import normalised_text

# (legacy code, current label), from reference/uhri_themes.csv's legacy_code_same_label column, where the labels differ
# at most in "&" for "and" or in case (its G5 row names IDPs, not refugees: kept apart).
SAME_THEME = [
    ('A12', 'Acceptance of international norms'),
    ('D51', 'Administration of justice & fair trial'),
    ('B6', 'Business & Human Rights'),
    ('F31', 'Children: definition; general principles; protection'),
    ('F32', 'Children: family environment & alternative care'),
    ('F34', 'Children: juvenile justice'),
    ('F33', 'Children: protection against exploitation'),
    ('D1', 'Civil & political rights - general measures of implementation'),
    ('A41', 'Constitutional & legislative framework'),
    ('E7', 'Cultural rights'),
    ('D23', 'Death penalty'),
    ('F12', 'Discrimination against women'),
    ('D29', 'Domestic violence'),
    ('E1', 'Economic, social & cultural rights - general measures of implementation'),
    ('D32', 'Enforced disappearances'),
    ('B31', 'Equality & non-discrimination'),
    ('D42', 'Freedom of thought, conscience & religion'),
    ('E26', 'Human Rights & drinking water & sanitation'),
    ('E25', 'Human rights & poverty'),
    ('A5', 'Human rights education, trainings & awareness raising'),
    ('G3', 'Indigenous peoples'),
    ('A4', 'Legal, institutional & policy framework'),
    ('D3', 'Liberty & security of the person'),
    ('G1', 'Members of minorities'),
    ('G4', 'Migrants'),
    ('A45', 'National Human Rights Institution (NHRI)'),
    ('F42', 'Persons with disabilities: accessibility, mobility'),
    ('F41', 'Persons with disabilities: definition, general principles'),
    ('F44', 'Persons with disabilities: protecting the integrity of the person'),
    ('D27', 'Prohibition of slavery, trafficking'),
    ('D25', 'Prohibition of torture & cruel, inhuman or degrading treatment'),
    ('B32', 'Racial discrimination'),
    ('E23', 'Right to adequate housing'),
    ('E2', 'Right to an adequate standard of living'),
    ('B4', 'Right to development'),
    ('E5', 'Right to education'),
    ('E4', 'Right to health'),
    ('D21', 'Right to life'),
    ('D2', 'Right to physical & moral integrity'),
    ('D46', 'Right to private life, privacy'),
    ('B2', 'Right to self-determination'),
    ('E24', 'Right to social security'),
    ('D8', 'Rights related to marriage & family'),
    ('A1', 'Scope of international obligations'),
    ('B53', 'Support to victims & witnesses'),
    ('E33', 'Trade union rights'),
    ('F13', 'Violence against women'),
]
STRENGTH = {"accepted": 2, "suggested": 1, "rejected": 0}


def merge_current_into_legacy(apps, schema_editor):
    Term = apps.get_model("taxonomy", "Term")
    TagAssignment = apps.get_model("taxonomy", "TagAssignment")
    TermAlias = apps.get_model("taxonomy", "TermAlias")
    Subscription = apps.get_model("subscriptions", "Subscription")
    for code, label in SAME_THEME:
        legacy = Term.objects.filter(vocabulary="theme", code=code).first()
        current = Term.objects.filter(vocabulary="theme", code=label).first()
        if legacy is None or current is None:
            continue
        for tag in TagAssignment.objects.filter(term=current):
            kept = TagAssignment.objects.filter(term=legacy, recommendation_id=tag.recommendation_id,
                                                measure_id=tag.measure_id).first()
            if kept is None:
                tag.term = legacy
                tag.save(update_fields=["term"])
                continue
            if STRENGTH.get(tag.status, 0) > STRENGTH.get(kept.status, 0):
                kept.status = tag.status
                kept.save(update_fields=["status"])
            tag.delete()
        following = Subscription.objects.filter(term=legacy).values_list("subscriber_id", flat=True)
        Subscription.objects.filter(term=current, subscriber_id__in=list(following)).delete()
        Subscription.objects.filter(term=current).update(term=legacy)
        TermAlias.objects.filter(term=current).update(term=legacy)
        key = normalised_text(label)
        if key != normalised_text(legacy.name) and not TermAlias.objects.filter(vocabulary="theme", key=key).exists():
            TermAlias.objects.create(term=legacy, vocabulary="theme", label=label, key=key)
        current.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0005_term_natural_sort"),
        ("subscriptions", "0001_initial"),
    ]

    operations = [migrations.RunPython(merge_current_into_legacy, migrations.RunPython.noop)]
