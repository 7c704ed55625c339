"""Everything of ours that a person reads in the admin or on the site exists in Arabic."""

import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "ar" / "LC_MESSAGES" / "django.po"
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def test_the_catalogue_is_complete_and_has_six_plural_forms():
    po = polib.pofile(str(CATALOGUE))
    assert "nplurals=6;" in po.metadata["Plural-Forms"]
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == 6 and all(entry.msgstr_plural.values()), entry.msgid


def model_texts():
    """Every verbose name, help text and choice label of our models."""
    for model in [*apps.get_app_config("council").get_models(), *apps.get_app_config("meetings").get_models()]:
        yield f"{model.__name__} name", model._meta.verbose_name
        yield f"{model.__name__} plural", model._meta.verbose_name_plural
        for field in model._meta.get_fields():
            if getattr(field, "auto_created", False) or not hasattr(field, "verbose_name"):
                continue
            if getattr(field, "language", None) or field.name in ("search_ar", "search_en"):
                continue  # modeltranslation's copies, and the internal search columns
            yield f"{model.__name__}.{field.name}", field.verbose_name
            if field.help_text:
                yield f"{model.__name__}.{field.name} help", field.help_text
            for value, label in field.choices or []:
                yield f"{model.__name__}.{field.name}={value}", label


@pytest.mark.parametrize("where,text", list(model_texts()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_label_and_help_text_reads_in_arabic(where, text):
    with translation.override("ar"):
        assert ARABIC_LETTER.search(str(text)), f"{where}: «{text}» has no Arabic"


# --- Every msgid in our code and templates has its Arabic ------------------

ROOT = CATALOGUE.parents[3]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
                 "npgettext", "npgettext_lazy"}
# templatize() turns a template's {% translate %} and {% blocktranslate %} into these calls.
TEMPLATE_CALL = re.compile(r"\b(n?p?gettext)\(((?:\s*u?'(?:[^'\\]|\\.)*'\s*,?)+)")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def python_msgids():
    import ast
    for folder in ("council", "meetings"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if name in GETTEXT_NAMES and strings:
                    yield path.relative_to(ROOT), name, strings


def template_msgids():
    import ast

    from django.utils.translation.template import templatize
    for path in (ROOT / "templates").rglob("*.html"):
        for name, args in TEMPLATE_CALL.findall(templatize(path.read_text(encoding="utf-8"))):
            yield path.relative_to(ROOT), name, list(ast.literal_eval(f"({args.strip().rstrip(',')},)"))


def msgids():
    """(where, context, singular, plural) of every translatable string of ours."""
    for where, name, strings in [*python_msgids(), *template_msgids()]:
        context = strings.pop(0) if name.lstrip("n").startswith("pgettext") else None
        plural = strings[1] if "ngettext" in name and len(strings) > 1 else None
        yield str(where), context, strings[0], plural


def arabic_of(context, singular, plural):
    from django.utils.translation import gettext, ngettext, npgettext, pgettext
    with translation.override("ar"):
        if plural:
            return [npgettext(context, singular, plural, n) if context else ngettext(singular, plural, n)
                    for n in (0, 1, 2, 3, 11, 100)]
        return [pgettext(context, singular) if context else gettext(singular)]


def test_the_scan_finds_strings_in_code_and_templates():
    found = {singular for _, _, singular, _ in msgids()}
    assert "Reviews the outcomes of" in found          # a template's {% translate %}
    assert "%(session)s already exists." in found       # a model's _()
    assert any("%(counter)s result" == s for s in found)  # a {% blocktranslate count %}


@pytest.mark.parametrize("where,context,singular,plural", sorted(set(msgids()), key=str))
def test_every_string_in_the_code_and_templates_has_its_arabic(where, context, singular, plural):
    untranslated = [text for text in arabic_of(context, singular, plural)
                    if text in (singular, plural) and LATIN_WORD.search(text)]
    assert not untranslated, f"{where}: «{singular}» has no Arabic in the catalogue"


# --- Placeholders: a translation can neither lose a value nor ask for one that is not there ------

JS_CATALOGUE = CATALOGUE.with_name("djangojs.po")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{(\w*)\}")


def placeholders(text):
    """The values a text shows (once is enough: «… يمكنك أدناه إضافة المزيد» needs one {name})."""
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("catalogue", [CATALOGUE, JS_CATALOGUE], ids=lambda path: path.name)
def test_every_translation_keeps_its_placeholders(catalogue):
    """What `msgfmt --check` checks: each Arabic text has the English one's values, no other.

    A plural form may leave the count out when its words say it («سجل واحد», «سجلان»).
    """
    wrong = []
    for entry in polib.pofile(str(catalogue)):
        if not entry.msgid_plural:
            if placeholders(entry.msgstr) != placeholders(entry.msgid):
                wrong.append(entry.msgid)
            continue
        allowed = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
        for form in entry.msgstr_plural.values():
            if not placeholders(form) <= allowed:
                wrong.append(entry.msgid)
    assert wrong == []


def test_the_script_catalogue_overrides_only_what_django_or_our_scripts_say():
    """Each entry of our djangojs.po replaces a string that a script really shows."""
    import django

    admin_js = Path(django.__file__).parent / "contrib" / "admin" / "locale" / "ar" / "LC_MESSAGES" / "djangojs.po"
    django_ids = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(admin_js))}
    our_scripts = "".join(path.read_text() for path in (ROOT / "static" / "js").glob("*.js"))
    for entry in polib.pofile(str(JS_CATALOGUE)):
        assert (entry.msgctxt, entry.msgid) in django_ids or entry.msgid in our_scripts, entry.msgid
