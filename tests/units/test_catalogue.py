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
