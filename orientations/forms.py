from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orientations.models import (
    NOTE_LENGTH,
    Orientation,
    PlaceOrientationSettings,
    RefusalReason,
    Status,
)


class OrientationForm(forms.ModelForm):
    """The family's minimum, the reason among the place's, and the family's consent."""

    class Meta:
        model = Orientation
        fields = [
            "family_name",
            "family_email",
            "family_phone",
            "children_ages",
            "languages_spoken",
            "family_language",
            "reason",
            "note",
            "consent",
            "contact_consent",
        ]
        help_texts = {
            "family_name": _("Rien de plus : pas de nom de famille."),
            "children_ages": _("Par exemple « 2 ans et 6 mois »."),
            "family_language": _("Le lieu et nos messages lui écriront dans cette langue."),
            "note": _("500 caractères au plus. Pas de pièce jointe."),
        }
        widgets = {
            "note": forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_LENGTH}),
            "family_language": forms.RadioSelect,
            "family_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, reasons: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_name"].required = True
        self.fields["reason"] = forms.ChoiceField(
            label=_("motif"), choices=[(reason, reason) for reason in reasons]
        )
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = _(
            "Sans l'accord de la famille, rien n'est transmis."
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("family_email") and not cleaned.get("family_phone"):
            raise ValidationError(
                {"family_phone": _("Donnez un courriel ou un téléphone pour joindre la famille.")}
            )
        return cleaned


ANSWERS = [
    (Status.ACCEPTED, _("Accepter")),
    (Status.WAITING, _("Mettre sur liste d'attente")),
    (Status.REFUSED, _("Refuser")),
]


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Réponse"), choices=ANSWERS, widget=forms.RadioSelect)
    refusal_reason = forms.ChoiceField(
        label=_("Raison du refus"),
        choices=[("", "—"), *RefusalReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Un mot pour le professionnel et la famille (facultatif)"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_LENGTH}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.REFUSED and not cleaned.get("refusal_reason"):
            raise ValidationError({"refusal_reason": _("Choisissez la raison du refus.")})
        return cleaned


class PlaceSettingsForm(forms.ModelForm):
    class Meta:
        model = PlaceOrientationSettings
        fields = ["takes_orientations", "reasons", "reasons_nl", "reasons_en"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("reasons", "reasons_nl", "reasons_en")
        }

    def clean(self):
        cleaned = super().clean()
        # A place that takes orientations lists why one may orient a family to it.
        if cleaned.get("takes_orientations") and not cleaned.get("reasons", "").strip():
            raise ValidationError({"reasons": _("Donnez au moins un motif, en français.")})
        return cleaned


class InviteProfessionalForm(forms.Form):
    email = forms.EmailField(label=_("Courriel du professionnel"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    profession = forms.CharField(
        label=_("Profession"),
        max_length=200,
        help_text=_("Par exemple TMS, assistante sociale, infirmière de PMI, avocat."),
    )
