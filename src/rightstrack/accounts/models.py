"""Users, their role, and the institutions (ministries, agencies, commissions, NGOs) they belong to."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.core.models import ProvenanceModel, TimestampedModel, TranslatableModel


class Role(models.TextChoices):
    """What a user may do; object-level rules live in each app's permissions module."""

    ADMINISTRATOR = "administrator", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    FOCAL_POINT = "focal_point", _("Focal point")
    ASSESSOR = "assessor", _("Independent assessor")
    VIEWER = "viewer", _("Viewer")


class Institution(TranslatableModel, ProvenanceModel, TimestampedModel):
    """A ministry, agency, commission, ombudsman or NGO."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Agency")
        GOVERNMENT = "government", _("Government body")
        COMMISSION = "commission", _("Human-rights commission")
        OMBUDSMAN = "ombudsman", _("Ombudsman")
        NGO = "ngo", _("Accredited NGO")
        OTHER = "other", _("Other")

    TRANSLATABLE_FIELDS = ("name",)
    abbreviation = models.CharField(_("abbreviation"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MINISTRY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return f"{self.abbreviation} — {self.tr('name')}"


class User(AbstractUser):
    """A person who signs in; their role and institutions decide what they may change."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    institutions = models.ManyToManyField(Institution, blank=True, related_name="members",
                                          verbose_name=_("institutions"))
    language = models.CharField(_("language"), max_length=5, default="en",
                                choices=[("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def institution_ids(self) -> set[int]:
        """Ids of the user's institutions, cached per instance."""
        if not hasattr(self, "_institution_ids"):
            self._institution_ids = set(self.institutions.values_list("id", flat=True))
        return self._institution_ids
