"""The reader's comment form: the reference page's fields, the security check and a honeypot."""

from __future__ import annotations

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from akhbar.arabic.plurals import Noun, count_phrase

from . import conf, text

LETTERS = Noun(one="حرف واحد", two="حرفين", few="أحرف", many="حرفًا", other="حرف")
REQUIRED = _("هذا الحقل مطلوب.")
CONTROLS = _("يحتوي النص على محارف تحكم غير مسموح بها.")


def _check_common(value: str) -> None:
    if text.has_forbidden_controls(value):
        raise forms.ValidationError(CONTROLS, code="controls")
    if text.has_bidi_override(value):
        raise forms.ValidationError(
            _("يحتوي النص على محارف تغيّر اتجاه الكتابة، وهي غير مسموح بها."), code="bidi"
        )
    if text.has_markup(value):
        raise forms.ValidationError(_("التعليقات نص عادي: لا تُقبل فيها وسوم HTML أو رموزها."), code="markup")


class CommentForm(forms.Form):
    """Name*, email*, title*, comment*, the terms box, the security check; ``website`` is the honeypot."""

    name = forms.CharField(
        label=_("الاسم"), max_length=conf.NAME_MAX, strip=False,
        error_messages={"required": REQUIRED, "null_characters_not_allowed": CONTROLS, "max_length": _("الاسم أطول من %(limit_value)d حرفًا.")},
    )  # fmt: skip
    email = forms.CharField(
        label=_("البريد الإلكتروني"), max_length=conf.EMAIL_MAX,
        error_messages={"required": REQUIRED, "null_characters_not_allowed": _("أدخل عنوان بريد إلكتروني صحيحًا."), "max_length": _("عنوان البريد الإلكتروني طويل جدًا.")},
    )  # fmt: skip
    title = forms.CharField(
        label=_("عنوان التعليق"), max_length=conf.TITLE_MAX, strip=False,
        error_messages={"required": REQUIRED, "null_characters_not_allowed": CONTROLS, "max_length": _("العنوان أطول من %(limit_value)d حرفًا.")},
    )  # fmt: skip
    body = forms.CharField(
        label=_("التعليق"), strip=False, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": REQUIRED, "null_characters_not_allowed": CONTROLS},
    )  # fmt: skip
    agree = forms.BooleanField(
        label=_("أوافق على شروط الاستخدام وشروط النشر"),
        error_messages={"required": _("يجب الموافقة على الشروط قبل إرسال التعليق.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    notify = forms.BooleanField(
        label=_("أبلغني بالبريد الإلكتروني عند نشر تعليقي أو الرد عليه"), required=False
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
    pow_number = forms.CharField(required=False, widget=forms.HiddenInput, max_length=12)
    answer = forms.CharField(label=_("رمز التحقق"), required=False, max_length=40)
    website = forms.CharField(label=_("اترك هذا الحقل فارغًا"), required=False, max_length=200)

    def __init__(self, *args, max_length: int = 1000, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = max_length

    def clean_name(self) -> str:
        value = self.cleaned_data["name"]
        _check_common(value)
        value = text.clean_line(value)
        if not value:
            raise forms.ValidationError(_("الاسم فارغ بعد حذف المحارف غير المرئية."), code="empty")
        if text.count_links(value):
            raise forms.ValidationError(_("لا تُقبل الروابط في الاسم."), code="links")
        return value

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        if text.has_forbidden_controls(value) or not value.isascii():
            raise forms.ValidationError(_("أدخل عنوان بريد إلكتروني صحيحًا."), code="invalid")
        try:
            EmailValidator()(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(_("أدخل عنوان بريد إلكتروني صحيحًا."), code="invalid") from error
        return value.lower()

    def clean_title(self) -> str:
        value = self.cleaned_data["title"]
        _check_common(value)
        value = text.clean_line(value)
        if not value:
            raise forms.ValidationError(_("العنوان فارغ بعد حذف المحارف غير المرئية."), code="empty")
        return value

    def clean_body(self) -> str:
        value = self.cleaned_data["body"]
        if len(value) > self.max_length * conf.CODEPOINTS_PER_GRAPHEME:
            raise forms.ValidationError(self._too_long(), code="max_length")
        _check_common(value)
        value = text.clean_body(value)
        if not value:
            raise forms.ValidationError(_("التعليق فارغ بعد حذف المحارف غير المرئية."), code="empty")
        if text.count_graphemes(value) > self.max_length:
            raise forms.ValidationError(self._too_long(), code="max_length")
        if text.count_links(value) > conf.max_links():
            raise forms.ValidationError(
                _("التعليق يحتوي على روابط كثيرة (الحد %(limit)d).") % {"limit": conf.max_links()},
                code="links",
            )
        return value

    def _too_long(self) -> str:
        return _("التعليق أطول من %(limit)s.") % {"limit": count_phrase(self.max_length, LETTERS)}
