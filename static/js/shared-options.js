/* Each inline row's select arrives with its chosen option only; the inline's empty row (the one
   "Add another" copies, named …-__prefix__-…) has them all (SharedOptionsSelect, council/admin.py).
   Copy them into every row, keeping each row's choice. */
"use strict";
(function () {
    function fill(select) {
        const source = document.querySelector(`select[name="${select.name.replace(/-\d+-/, "-__prefix__-")}"]`);
        if (!source || source === select) {
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
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}());
