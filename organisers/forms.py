from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translated import CONTENT_LANGUAGES
from directory.models.notices import MESSAGE_LENGTH, NoticeKind
from organisers.models import HeadCount, ReportKind, ReportStatus

MESSAGE_LABELS = {
    "fr": _("Le message en français"),
    "nl": _("Le message en néerlandais"),
    "en": _("Le message en anglais"),
}


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


class NoticeForm(forms.Form):
    """A notice as an organiser sets it from a phone: what (a radio), from and to (today by
    default), a message in their language and, folded, in the others
    (directory.models.notices)."""

    kind = forms.ChoiceField(
        label=_("Qu'est-ce qui change ?"),
        choices=NoticeKind.choices,
        initial=NoticeKind.CLOSED,
        widget=forms.RadioSelect,
    )
    start_date = forms.DateField(
        label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("Au (inclus)"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["start_date"].initial = today
        self.fields["end_date"].initial = today
        self.language = language
        # The organiser's language first, the others folded (optional).
        for code in (language, *(c for c in CONTENT_LANGUAGES if c != language)):
            self.fields[f"message_{code}"] = forms.CharField(
                label=MESSAGE_LABELS[code] if code != language else _("Message aux familles"),
                help_text=_("Par exemple : les séances ont lieu à la maison de quartier.")
                if code == language
                else "",
                max_length=MESSAGE_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_LENGTH}),
            )

    def full_clean(self):
        super().full_clean()
        # Each input with an error says so, and is described by it (the template's `-error`).
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )

    @property
    def own_message(self):
        return self[f"message_{self.language}"]

    @property
    def other_messages(self):
        return [self[f"message_{code}"] for code in CONTENT_LANGUAGES if code != self.language]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin doit suivre le début."))
        elif end and end < timezone.localdate():
            self.add_error("end_date", _("Cette date est passée."))
        messages = [data.get(f"message_{code}") for code in CONTENT_LANGUAGES]
        if data.get("kind") == NoticeKind.OTHER and not any(messages):
            self.add_error(f"message_{self.language}", _("Dites aux familles de quoi il s'agit."))
        return data

    def notice_values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            **{f"message_{code}": data[f"message_{code}"].strip() for code in CONTENT_LANGUAGES},
        }
