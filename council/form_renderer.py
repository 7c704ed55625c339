"""Django's form renderer, with its most used templates written in Python.

A session's change form holds about 900 fields; Django renders each through two or three small
templates (the input, its attributes, its list of errors, each option of a select), and the
template engine's cost per template, not the HTML, was most of the page's time. The functions
below write exactly what those templates write (tests/units/test_form_renderer.py compares them
byte for byte); any other template, or a widget with a template of its own, goes to the engine.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime

OPTION = "django/forms/widgets/select_option.html"


def text(value):
    """What {{ value }} writes: the value in local time and localized, then escaped unless marked safe."""
    return conditional_escape(localize(template_localtime(value)))


def formatted(value):
    """What {{ value|stringformat:'s' }} writes: the value as text, escaped unless marked safe."""
    return conditional_escape(value)


def attributes(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False.

    None writes nothing: a label with no "for" (a list of radio buttons, a read-only password) has no
    attributes at all.
    """
    return "".join(
        "" if value is False else f" {text(name)}" if value is True else f' {text(name)}="{formatted(value)}"'
        for name, value in (attrs or {}).items())


def input_widget(context):
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{formatted(widget["value"])}"'
    return f'<input type="{text(widget["type"])}" name="{text(widget["name"])}"{value}{attributes(widget["attrs"])}>'


def option(widget):
    return f'<option value="{formatted(widget["value"])}"{attributes(widget["attrs"])}>{text(widget["label"])}</option>'


def select_widget(context):
    widget = context["widget"]
    html = [f'<select name="{text(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{text(group_name)}">')
        for choice in group_choices:
            html.append(f"\n  {option(choice)}\n")
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def textarea_widget(context):
    widget = context["widget"]
    value = text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{text(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


def error_list(context):
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    field_id = f' id="{text(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{text(error)}</li>" for error in errors)
    return f'<ul class="{text(context["error_class"])}"{field_id}>{items}</ul>'


def label(context):
    if not context["use_tag"]:
        return text(context["label"])
    tag = text(context["tag"])
    return f'<{tag}{attributes(context["attrs"])}>{text(context["label"])}</{tag}>'


WIDGETS = "django/forms/widgets/"
IN_PYTHON = {
    **{f"{WIDGETS}{name}.html": input_widget for name in (
        "input", "text", "hidden", "number", "checkbox", "email", "url", "password", "date", "time", "datetime")},
    f"{WIDGETS}select.html": select_widget,
    f"{WIDGETS}textarea.html": textarea_widget,
    "django/forms/errors/list/default.html": error_list,
    "django/forms/errors/list/ul.html": error_list,
    "django/forms/label.html": label,
}


class FormRenderer(DjangoTemplates):
    """The default renderer (FORM_RENDERER), writing the commonest templates without the engine."""

    def render(self, template_name, context, request=None):
        write = IN_PYTHON.get(template_name)
        if write is None or not self.writes(template_name, context):
            return super().render(template_name, context, request)
        return write(context).strip()

    @staticmethod
    def writes(template_name, context):
        """False for a select whose options have a template of their own (Django's radio lists do)."""
        if template_name.endswith("select.html"):
            return all(choice["template_name"] == OPTION
                       for _group, choices, _index in context["widget"]["optgroups"] for choice in choices)
        return True
