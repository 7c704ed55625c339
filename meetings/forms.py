"""The admin's agenda as one editable list: reorder, indent and renumber in one save."""

from django import forms
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem


def row_title(form):
    """The row's title as typed, in the interface's language when it has one."""
    data = form.cleaned_data
    return (get_language() == "en" and data.get("title_en")) or data.get("title_ar") or form.instance.title_ar


class AgendaItemRowForm(forms.ModelForm):
    """One agenda row. Its main item is not chosen from a list but follows from the rows:
    a row marked "sub-item" belongs to the nearest main item above it, even one added in
    the same save."""

    sub_item = forms.BooleanField(
        label=_("sub-item"), required=False,
        help_text=_("A sub-item of the nearest main item above it."),
    )

    class Meta:
        model = AgendaItem
        fields = ("order",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False  # a new row without one goes to the end
        self.fields["order"].widget.attrs.update(min=1, **{"class": "agenda-order"})
        if self.instance.pk:
            self.initial.setdefault("sub_item", self.instance.parent_id is not None)
        # The formset checks order and main item across all rows, where moves are known.
        self.instance.checked_with_agenda = True

    def has_changed(self):
        # The page's script numbers every row, the blank one just added too: a new row
        # counts as filled in only when something besides its place was typed.
        if self.instance.pk:
            return super().has_changed()
        return any(name not in ("order", "sub_item") for name in self.changed_data)


class AgendaFormSet(BaseInlineFormSet):
    """Save the agenda in the order of its rows, in one transaction.

    Orders typed or set by dragging are positions: two rows may swap them, and a
    main item may move with its sub-items, in one save, despite the database's
    unique (session, order). Printed numbers typed by hand stay as typed; empty
    ones follow the position (see Session.agenda()).
    """

    def rows(self):
        """The kept rows in their new order: (form, order typed) sorted by order, then by place on the page."""
        kept = []
        for index, form in enumerate(self.forms):
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if not form.instance.pk and not form.has_changed():
                continue  # an empty extra row
            order = form.cleaned_data.get("order")
            kept.append((order if order is not None else float("inf"), index, form))
        kept.sort(key=lambda row: (row[0], row[1]))
        return [(form, order) for order, _index, form in kept]

    def validate_unique(self):
        """Orders are the only unique field here; clean() checks them and names the clashing item."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        taken = {}
        main_seen = False
        for form, order in self.rows():
            if order != float("inf"):
                if order in taken:
                    form.add_error("order", _("Order %(order)s is already taken by “%(item)s” on this agenda.") % {
                        "order": order, "item": row_title(taken[order])})
                taken[order] = form
            if form.cleaned_data.get("sub_item") and not main_seen:
                form.add_error("sub_item", _("A sub-item needs a main item above it."))
            main_seen = main_seen or not form.cleaned_data.get("sub_item")

    def save(self, commit=True):
        assert commit, "the agenda is saved whole"
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        plan, main = [], None
        for position, (form, _typed) in enumerate(self.rows(), start=1):
            item = form.instance
            item.session = self.instance
            if form.cleaned_data.get("sub_item") and main is not None:
                parent = main
            else:
                parent, main = None, item
            plan.append((form, item, position, parent))

        deleted = [form.instance for form in self.deleted_forms if form.instance.pk]
        if deleted:
            # A kept sub-item of a deleted main item moves under the main item above it (below), not away with it.
            AgendaItem.objects.filter(parent__in=deleted).update(parent=None)
            for item in deleted:
                self.deleted_objects.append(item)
                self.delete_existing(item, commit=True)

        # Rows that move step out of the way first, so that no two rows ever share an order.
        moving = [item.pk for form, item, position, parent in plan if item.pk and form.initial["order"] != position]
        if moving:
            highest = AgendaItem.objects.filter(session=self.instance).aggregate(top=Max("order"))["top"] or 0
            top = max(highest, len(plan)) + 1  # above every order now taken and every one about to be
            for offset, pk in enumerate(moving):
                AgendaItem.objects.filter(pk=pk).update(order=top + offset)

        for form, item, position, parent in plan:
            if not item.pk:
                item.order, item.parent = position, parent
                item.save()
                self.new_objects.append(item)
                continue
            changed = [name for name in form.changed_data if name not in ("order", "sub_item")]
            if form.initial["order"] != position:
                changed.append("order")
            if item.parent_id != (parent.pk if parent else None):
                changed.append("parent")
            if changed:
                item.order, item.parent = position, parent
                item.save()
                self.changed_objects.append((item, changed))
        return self.new_objects + [item for item, _changed in self.changed_objects]


def reservation_state_field():
    return forms.TypedChoiceField(label=_("reservation by"), required=False, coerce=int, empty_value=None)


def reservation_text_field(language):
    label = _("text of the reservation in Arabic") if language == "ar" else _("text of the reservation in English")
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={
        "rows": 2, "lang": language, "dir": "rtl" if language == "ar" else "ltr",
        "class": f"bilingual bilingual-{language}"}))


class ResolutionWithReservationsForm(forms.ModelForm):
    """A resolution row on the session's page, with room for member states' reservations on it.

    Each slot is a member state and the text of its reservation in both
    languages. Slots show the resolution's first reservations; clearing a slot's
    state deletes that reservation. Further ones stay untouched on the
    resolution's own page.
    """

    SLOTS = 2
    state_choices = ()  # (pk, name) of the member states, read once per page by the admin
    state_widget = None  # the admin's SharedOptionsSelect: the states sent once per page, not per slot
    reservation_1_state = reservation_state_field()
    reservation_1_text_ar = reservation_text_field("ar")
    reservation_1_text_en = reservation_text_field("en")
    reservation_2_state = reservation_state_field()
    reservation_2_text_ar = reservation_text_field("ar")
    reservation_2_text_en = reservation_text_field("en")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = list(self.instance.reservations.all()) if self.instance.pk else []
        self.slot_reservations = existing[:self.SLOTS]
        self.other_reservations = existing[self.SLOTS:]
        for slot in range(1, self.SLOTS + 1):
            if self.state_widget:
                self.fields[f"reservation_{slot}_state"].widget = self.state_widget()
            self.fields[f"reservation_{slot}_state"].choices = [("", "---------"), *self.state_choices]
            if slot <= len(self.slot_reservations):
                reservation = self.slot_reservations[slot - 1]
                self.initial[f"reservation_{slot}_state"] = reservation.member_state_id
                self.initial[f"reservation_{slot}_text_ar"] = reservation.text_ar
                self.initial[f"reservation_{slot}_text_en"] = reservation.text_en

    def clean(self):
        cleaned = super().clean()
        taken = {reservation.member_state_id for reservation in self.other_reservations}
        for slot in range(1, self.SLOTS + 1):
            state = cleaned.get(f"reservation_{slot}_state")
            text = cleaned.get(f"reservation_{slot}_text_ar") or cleaned.get(f"reservation_{slot}_text_en")
            if text and not state:
                self.add_error(f"reservation_{slot}_state", _("Choose the member state that made this reservation."))
            if state and state in taken:
                self.add_error(f"reservation_{slot}_state", _("This member state's reservation is already recorded."))
            taken.add(state)
        return cleaned

    def save(self, commit=True):
        resolution = super().save(commit=commit)
        if commit:
            self.save_reservations(resolution)
        else:
            save_m2m = self.save_m2m

            def save_all():
                save_m2m()
                self.save_reservations(resolution)
            self.save_m2m = save_all
        return resolution

    def save_reservations(self, resolution):
        from meetings.models import Reservation

        for slot in range(1, self.SLOTS + 1):
            state = self.cleaned_data.get(f"reservation_{slot}_state")
            text_ar = self.cleaned_data.get(f"reservation_{slot}_text_ar", "")
            text_en = self.cleaned_data.get(f"reservation_{slot}_text_en", "")
            reservation = self.slot_reservations[slot - 1] if slot <= len(self.slot_reservations) else None
            if reservation and not state:
                reservation.delete()
            elif reservation and (reservation.member_state_id, reservation.text_ar, reservation.text_en) != (
                    state, text_ar, text_en):
                reservation.member_state_id, reservation.text_ar, reservation.text_en = state, text_ar, text_en
                reservation.save()
            elif state and not reservation:
                Reservation.objects.create(resolution=resolution, member_state_id=state,
                                           text_ar=text_ar, text_en=text_en)
