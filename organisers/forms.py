from django import forms
from django.utils.translation import gettext_lazy as _

from organisers.models import HeadCount


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Courriel de la personne à inviter"),
        help_text=_("Elle recevra un lien pour choisir son mot de passe."),
    )


class HeadCountForm(forms.ModelForm):
    class Meta:
        model = HeadCount
        fields = ["children", "adults", "first_visits"]
