"use strict";
/*
 * source.js: the source pane. It shows the .S file of the program the run is in at the
 * current position (tabs switch by hand), the current statement's line highlighted, and in
 * the gutter how often each line has run so far. A click on a line goes to the next step that
 * runs it; shift-click to the previous one.
 */
const SourcePane = (() => {
  const LINE = 16;   // pixels per source line (viewer.css: .src)

  function create(m, box, tabs, go) {
    const pane = { m, box, tabs, go, shown: -1, elements: [], lastCounts: [], current: null, scroll: Panes.scroll(box) };
    m.h.programs.forEach((p, i) => {
      const lineIds = new Int32Array(p.lines.length + 2).fill(-1);
      m.lines.forEach((l, id) => { if (l.program === i) lineIds[l.line] = id; });
      p.lineIds = lineIds;
      const b = document.createElement("button");
      b.textContent = p.role + ": " + p.file;
      b.addEventListener("click", () => show(pane, i));
      tabs.appendChild(b);
    });
    box.addEventListener("click", e => {
      const el = e.target.closest(".src.code");
      if (el) jump(pane, Number(el.dataset.id), e.shiftKey);
    });
    return pane;
  }

  /** Builds the lines of program i. */
  function show(pane, i) {
    if (pane.shown === i) return;
    const m = pane.m, p = m.h.programs[i];
    pane.shown = i;
    pane.box.textContent = "";
    pane.elements = [];
    pane.lastCounts = [];
    pane.current = null;
    const frag = document.createDocumentFragment();
    p.lines.forEach((text, k) => {
      const no = k + 1, id = p.lineIds[no];
      const div = document.createElement("div");
      div.className = "src" + (id >= 0 ? " code" : "");
      div.dataset.line = no;
      div.dataset.file = p.file;
      const count = document.createElement("span"), num = document.createElement("span"), t = document.createElement("span");
      count.className = "count"; num.className = "no"; t.className = "text";
      num.textContent = no;
      t.textContent = text || " ";
      if (id >= 0) {
        div.dataset.id = id;
        const total = m.lines[id].n === 0 ? 0 : m.lines[id].cum[m.lines[id].n - 1];
        div.title = "runs " + Panes.fmt(total) + " times in all; click: next time, shift-click: previous";
        if (total === 0) div.classList.add("never");
        pane.elements.push([id, count]);
      }
      div.append(count, num, t);
      frag.appendChild(div);
    });
    pane.box.appendChild(frag);
    [...pane.tabs.children].forEach((b, k) => b.classList.toggle("shown", k === i));
  }

  /** Shows position p: the program it is in, the current line, the counts so far. */
  function render(pane, p, row) {
    const m = pane.m;
    const program = row >= 0 ? m.rows[row].program : Math.max(0, pane.shown);
    [...pane.tabs.children].forEach((b, k) => b.classList.toggle("running", k === program));
    show(pane, program);
    for (let k = 0; k < pane.elements.length; k++) {
      const [id, el] = pane.elements[k];
      const c = Model.lineCount(m.lines[id], p);
      if (pane.lastCounts[k] !== c) { el.textContent = c === 0 ? "" : Panes.fmt(c); pane.lastCounts[k] = c; }
    }
    if (pane.current) pane.current.classList.remove("current");
    pane.current = null;
    if (row >= 0) {
      const el = pane.box.children[m.rows[row].line - 1];
      if (el) {
        el.classList.add("current");
        pane.current = el;
        Panes.reveal(pane.scroll, (m.rows[row].line - 1) * LINE, LINE);
      }
    }
  }

  /** Goes to the next (or previous) step that runs line id. */
  function jump(pane, id, back) {
    const line = pane.m.lines[id], p = pane.go();
    const i = Model.lowerBound(line.steps, back ? p : p + 1, line.n);
    const target = back ? (i > 0 ? line.steps[i - 1] : -1) : (i < line.n ? line.steps[i] : -1);
    if (target >= 0) pane.go(target);
  }

  return { create, render };
})();
