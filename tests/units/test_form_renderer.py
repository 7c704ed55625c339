"""The form renderer writes in Python exactly what Django's templates write, byte for byte."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList
from django.utils.safestring import mark_safe

from council.form_renderer import IN_PYTHON, FormRenderer

# Values that escaping, localization and the templates' tests treat differently.
AWKWARD = ["", "0", 0, 1.5, "a \"quoted\" & <tagged> 'value'", mark_safe("<b>safe</b> &amp;"),
           "  spaces and\n\n blank lines  ", "عربي", datetime.date(2026, 11, 28), None, True, False]


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"class": "a&b", "dir": "rtl", "flag": True, "off": False}))
    number = forms.IntegerField(help_text="help", widget=forms.NumberInput(attrs={"min": 1}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    checkbox = forms.BooleanField(label=mark_safe("<i>checked</i>"))
    email = forms.EmailField()
    date = forms.DateField(widget=forms.DateInput)
    textarea = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "lang": "ar"}))
    select = forms.ChoiceField(choices=[("", "---------"), ("1", "one & <two>"), (2, mark_safe("<b>2</b>")),
                                        ("Group", [("g1", "in a group"), ("g2", "عربي")])])
    multiple = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])
    radio = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)


def rendered(renderer, data):
    form = Everything(data, renderer=renderer, prefix="row-3")
    form.is_valid()
    form.add_error(None, "A non-field error & <b>markup</b>")
    return [str(form[name]) for name in form.fields] + [
        str(form[name].errors) for name in form.fields] + [
        str(form.non_field_errors()), str(ErrorList()), str(ErrorList(["x"], error_class="nonfield")),
        form["checkbox"].label_tag(), form["text"].label_tag(attrs={"class": "required", "x": True}),
        form["radio"].label_tag(),  # a label with no "for" (a list of radio buttons): no attributes at all
        form["text"].legend_tag()]


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_every_widget_writes_what_the_templates_write(value):
    # A browser sends text; a test or a view may put other values in a form's data.
    data = {f"row-3-{name}": value if isinstance(value, str) else str(value)
            for name in Everything.base_fields if value is not None}
    assert rendered(FormRenderer(), data) == rendered(DjangoTemplates(), data)


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_unbound_forms_too(value):
    form_initial = {name: value for name in Everything.base_fields}
    fast = Everything(initial=form_initial, renderer=FormRenderer(), auto_id=False)
    slow = Everything(initial=form_initial, renderer=DjangoTemplates(), auto_id=False)
    assert [str(field) for field in fast] == [str(field) for field in slow]


def test_the_templates_written_in_python_are_the_ones_rendered():
    """A name that Django stops using would silently send every form back to the template engine."""
    used = set()
    original = DjangoTemplates.render

    def spy(self, template_name, context, request=None):
        used.add(template_name)
        return original(self, template_name, context, request)

    DjangoTemplates.render = spy
    try:
        rendered(DjangoTemplates(), {"row-3-text": "x"})
    finally:
        DjangoTemplates.render = original
    assert {"django/forms/widgets/text.html", "django/forms/widgets/select.html", "django/forms/label.html",
            "django/forms/widgets/textarea.html", "django/forms/errors/list/default.html"} <= used & set(IN_PYTHON)
