/* The agenda on a session's admin page as one list.
 *
 * Each row gets a handle to drag it and two buttons to move it up or down; the handle also
 * answers the arrow keys, so no mouse is needed. A main item moves with its sub-items. After
 * every move the rows' "order" inputs are renumbered 1, 2, 3 … in page order, and each empty
 * "printed number" shows the number the item will print as ("3", "3.1") as its placeholder.
 * Nothing is saved until the page's own Save: the server renumbers the whole agenda then,
 * in one transaction (meetings/forms.py), so swaps and moves never clash.
 */
"use strict";
(function () {
    const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);
    const format = (text, values) => (typeof window.interpolate === "function" ? window.interpolate(text, values, true) : text);

    function init() {
        const group = document.getElementById("agenda_items-group");
        if (!group) {
            return;
        }
        const tbody = group.querySelector("tbody");
        const live = document.createElement("p");
        live.className = "agenda-live";
        live.setAttribute("aria-live", "polite");
        group.appendChild(live);

        const isRow = (el) => el && el.matches && el.matches("tr.form-row") && !el.classList.contains("empty-form");
        const rows = () => Array.from(tbody.children).filter(isRow);
        const isSub = (row) => {
            const box = row.querySelector("input[name$='-sub_item']");
            return Boolean(box && box.checked);
        };
        const titleOf = (row) => {
            const input = row.querySelector("input[name$='-title_ar']");
            return (input && input.value) || "";
        };
        const previousRow = (row) => {
            let el = row.previousElementSibling;
            while (el && !isRow(el)) {
                el = el.previousElementSibling;
            }
            return el;
        };
        const nextRow = (row) => {
            let el = row.nextElementSibling;
            while (el && !isRow(el)) {
                el = el.nextElementSibling;
            }
            return el;
        };
        // A main item and the sub-items under it; a sub-item alone.
        const block = (row) => {
            const result = [row];
            if (isSub(row)) {
                return result;
            }
            let next = nextRow(row);
            while (next && isSub(next)) {
                result.push(next);
                next = nextRow(next);
            }
            return result;
        };
        const mainOf = (row) => {
            let el = row;
            while (el && isSub(el)) {
                el = previousRow(el);
            }
            return el;
        };
        const insertBefore = (moving, target) => moving.forEach((row) => tbody.insertBefore(row, target));
        const insertAfter = (moving, target) => {
            const after = target.nextElementSibling;
            moving.forEach((row) => tbody.insertBefore(row, after));
        };

        function renumber() {
            let main = 0;
            let sub = 0;
            let mainLabel = "";
            rows().forEach((row, index) => {
                const order = row.querySelector("input[name$='-order']");
                if (order) {
                    order.value = String(index + 1);
                }
                const number = row.querySelector("input[name$='-number']");
                let label;
                if (isSub(row) && main) {
                    sub += 1;
                    label = (number && number.value) || `${mainLabel}.${sub}`;
                } else {
                    main += 1;
                    sub = 0;
                    label = (number && number.value) || String(main);
                    mainLabel = label;
                }
                if (number) {
                    number.placeholder = label;
                }
                row.dataset.agendaLabel = label;
            });
        }

        function announce(row) {
            live.textContent = format(t("“%(title)s” is now item %(label)s."),
                {title: titleOf(row), label: row.dataset.agendaLabel});
        }

        function moveUp(row) {
            const above = previousRow(row);
            if (!above) {
                return false;
            }
            if (isSub(row)) {
                if (isSub(above)) {
                    insertBefore([row], above);
                } else if (previousRow(above)) {
                    insertBefore([row], above);  // to the end of the main item before
                } else {
                    return false;
                }
            } else {
                insertBefore(block(row), mainOf(above));
            }
            return true;
        }

        function moveDown(row) {
            const moving = block(row);
            const below = nextRow(moving[moving.length - 1]);
            if (!below) {
                return false;
            }
            if (isSub(row)) {
                insertAfter([row], below);  // past a sibling, or first under the next main item
            } else {
                const target = block(below);
                insertAfter(moving, target[target.length - 1]);
            }
            return true;
        }

        function move(row, direction, focusSelector) {
            if ((direction < 0 ? moveUp : moveDown)(row)) {
                renumber();
                announce(row);
            }
            const focus = row.querySelector(focusSelector);
            if (focus) {
                focus.focus();
            }
        }

        function button(className, label, text) {
            const el = document.createElement("button");
            el.type = "button";
            el.className = className;
            el.setAttribute("aria-label", label);
            el.title = label;
            el.textContent = text;
            return el;
        }

        function addTools(row) {
            if (row.querySelector(".agenda-tools")) {
                return;
            }
            const tools = document.createElement("div");
            tools.className = "agenda-tools";
            const handle = button("agenda-handle", t("Drag to move, or use the arrow keys"), "⠿");
            const up = button("agenda-up", t("Move up"), "▲");
            const down = button("agenda-down", t("Move down"), "▼");
            tools.append(handle, up, down);
            const cell = row.querySelector("td.original") || row.firstElementChild;
            cell.prepend(tools);
            up.addEventListener("click", () => move(row, -1, ".agenda-up"));
            down.addEventListener("click", () => move(row, 1, ".agenda-down"));
            handle.addEventListener("keydown", (event) => {
                if (event.key === "ArrowUp" || event.key === "ArrowDown") {
                    event.preventDefault();
                    move(row, event.key === "ArrowUp" ? -1 : 1, ".agenda-handle");
                }
            });
            handle.addEventListener("pointerdown", (event) => startDrag(event, row, handle));
            const box = row.querySelector("input[name$='-sub_item']");
            if (box) {
                box.addEventListener("change", renumber);
            }
            const number = row.querySelector("input[name$='-number']");
            if (number) {
                number.addEventListener("input", renumber);
            }
        }

        function startDrag(event, row, handle) {
            event.preventDefault();
            // Listen on the document: moving the row out and back into the table drops any pointer capture.
            const moving = block(row);
            moving.forEach((r) => r.classList.add("agenda-dragging"));
            const onMove = (e) => {
                const under = document.elementFromPoint(e.clientX, e.clientY);
                const target = under && under.closest("tr");
                if (!isRow(target) || moving.includes(target) || target.parentNode !== tbody) {
                    return;
                }
                const box = target.getBoundingClientRect();
                const upper = e.clientY < box.top + box.height / 2;
                if (isSub(row)) {
                    (upper ? insertBefore : insertAfter)([row], target);
                } else {
                    const main = mainOf(target);
                    if (upper) {
                        insertBefore(moving, main);
                    } else {
                        const targetBlock = block(main);
                        if (!targetBlock.includes(row)) {
                            insertAfter(moving, targetBlock[targetBlock.length - 1]);
                        }
                    }
                }
            };
            const onUp = () => {
                document.removeEventListener("pointermove", onMove);
                document.removeEventListener("pointerup", onUp);
                document.removeEventListener("pointercancel", onUp);
                moving.forEach((r) => r.classList.remove("agenda-dragging"));
                renumber();
                announce(row);
                handle.focus();
            };
            document.addEventListener("pointermove", onMove);
            document.addEventListener("pointerup", onUp);
            document.addEventListener("pointercancel", onUp);
        }

        // After a refused save the rows come back in the formset's order, with the orders the
        // secretary had set: put them back where they were put, each with its error line.
        const placed = rows().map((row, index) => {
            const order = parseInt((row.querySelector("input[name$='-order']") || {}).value, 10);
            const errors = row.previousElementSibling;
            const group = errors && errors.classList.contains("row-form-errors") ? [errors, row] : [row];
            return {group, index, order: Number.isNaN(order) ? Infinity : order};
        });
        const template = tbody.querySelector("tr.empty-form");
        placed.sort((a, b) => a.order - b.order || a.index - b.index)
            .forEach(({group}) => group.forEach((el) => tbody.insertBefore(el, template)));
        rows().forEach(addTools);
        renumber();
        document.addEventListener("formset:added", (event) => {
            if (event.detail && event.detail.formsetName === "agenda_items") {
                addTools(event.target);
                renumber();
            }
        });
        document.addEventListener("formset:removed", (event) => {
            if (event.detail && event.detail.formsetName === "agenda_items") {
                renumber();
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}());
