/* What is the same in every row of an inline is sent once, in the inline's empty row (the one
   "Add another" copies, named …-__prefix__-…; council/admin.py):
   - a select arrives with its chosen option only (SharedOptionsSelect): copy the other options,
     keeping the row's choice;
   - an autocomplete arrives without its address and settings (SharedAttributesMixin): copy them.
     This runs on DOMContentLoaded, before Django's autocomplete.js starts the widgets: jQuery
     calls its ready handlers ($(…)) only after the event's listeners have run. */
"use strict";
(function () {
    function emptyRowTwin(select) {
        const twin = document.querySelector(`select[name="${select.name.replace(/-\d+-/, "-__prefix__-")}"]`);
        return twin === select ? null : twin;
    }

    function copyAttributes(select) {
        const source = emptyRowTwin(select);
        for (const attribute of source ? Array.from(source.attributes) : []) {
            if (attribute.name === "class" || attribute.name === "lang" || attribute.name.startsWith("data-")) {
                select.setAttribute(attribute.name, attribute.value);
            }
        }
    }

    function fill(select) {
        const source = emptyRowTwin(select);
        if (!source) {
            return;
        }
        const chosen = select.value;
        if (!Array.from(source.options).some((option) => option.value === chosen)) {
            return;  // a choice the list no longer offers: the row keeps it as it came
        }
        select.replaceChildren(...Array.from(source.options, (option) => {
            const copy = option.cloneNode(true);
            copy.defaultSelected = option.value === chosen;
            return copy;
        }));
        select.value = chosen;
    }

    function init() {
        document.querySelectorAll("select[data-shared-options]").forEach(fill);
        document.querySelectorAll("select[data-shared-attributes]").forEach(copyAttributes);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}());
