/* Copy each column's heading onto its cells as data-label, so that on a phone, where
   static/css/admin.css turns table rows into stacks, every field still says what it is. */
"use strict";
(function () {
    function label(table) {
        const headings = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
        table.querySelectorAll("tbody tr").forEach((row) => {
            Array.from(row.children).forEach((cell, index) => {
                if (headings[index] && !cell.dataset.label) {
                    cell.dataset.label = headings[index];
                }
            });
        });
    }

    function init() {
        document.querySelectorAll(".inline-group .tabular table").forEach(label);
        document.addEventListener("formset:added", (event) => {
            const table = event.target.closest && event.target.closest("table");
            if (table) {
                label(table);
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}());
