from django import forms
from django.utils.translation import gettext_lazy as _

from organisers.models import HeadCount, ReportKind, ReportStatus


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Courriel de la personne à inviter"),
        help_text=_("Elle recevra un lien pour choisir son mot de passe."),
    )


class HeadCountForm(forms.ModelForm):
    class Meta:
        model = HeadCount
        fields = ["children", "adults", "first_visits"]


class ProblemReportForm(forms.Form):
    """What a family says is wrong. No field asks more than the page shows."""

    kind = forms.ChoiceField(
        label=_("Qu'est-ce qui ne va pas ?"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("En quelques mots (facultatif)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )
    email = forms.EmailField(
        label=_("Votre courriel (facultatif)"),
        help_text=_("Seulement pour vous dire quand c'est corrigé ; il est effacé juste après."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # A field people never see (hidden by CSS, out of the tab order): bots fill it in.
    website = forms.CharField(label=_("Laissez ce champ vide"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


CLOSING_CHOICES = [
    (ReportStatus.HANDLED, ReportStatus.HANDLED.label),
    (ReportStatus.REJECTED, ReportStatus.REJECTED.label),
]


class CloseReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Décision"), choices=CLOSING_CHOICES, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Ce qui a été fait. Si la personne a laissé son courriel, elle la reçoit."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
