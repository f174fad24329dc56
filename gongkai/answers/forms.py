from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency

from .transitions import EDIT_ROLES


class FaqForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("所属机关"), queryset=Agency.objects.none())
    questions = forms.CharField(label=_("问题（每行一种问法）"), widget=forms.Textarea(attrs={"rows": 4}))
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 6}))
    sources = forms.CharField(label=_("依据（每行一条：名称 | 链接）"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.answers.selectors_staff import agencies_for_faq

        self.fields["agency"].queryset = agencies_for_faq(user=user, roles=EDIT_ROLES)
