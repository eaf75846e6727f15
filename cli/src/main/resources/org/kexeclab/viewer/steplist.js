"use strict";
/*
 * steplist.js: the steps as trace prints them, one line each, loops folded the way trace folds
 * them: within one list entry's work (from one entry read to the next) each instruction is
 * shown its first two times, and the rest of the loop becomes one line,
 * "... 1,022 more iterations of the loop in copy_word (4,088 instructions)". A click opens or
 * closes a fold; a click on a step goes there. Only the lines in view exist in the page.
 */
const StepList = (() => {
  const SHOWN = 2, HEIGHT = 18, SPARE = 8;

  function create(m, box, spacer, go) {
    const list = { m, box, spacer, go, open: new Set(), pool: [], current: -1, scroll: Panes.scroll(box) };
    foldLikeTrace(list);
    flatten(list);
    box.addEventListener("scroll", () => draw(list));
    box.addEventListener("click", e => {
      const el = e.target.closest(".row");
      if (!el) return;
      const v = Number(el.dataset.v);
      if (v < 0) toggle(list, -1 - v); else go(v);
    });
    return list;
  }

  /** Items: a step (kind 0) or a fold of steps [from, to) (kind 1). */
  function foldLikeTrace(list) {
    const m = list.m, seen = new Uint32Array(Math.max(1, m.rows.length));
    const kind = [], from = [], to = [], iter = [], head = [];
    let e = 0, fold = -1;
    for (let s = 0; s < m.steps; s++) {
      let entry = false;
      while (e < m.entryStep.length && m.entryStep[e] === s) { entry = true; e++; }
      if (entry) seen.fill(0);
      const row = m.row[s];
      let admit = row < 0 || m.folds.has(s) || seen[row] < SHOWN;
      if (row >= 0 && seen[row] < SHOWN) seen[row]++;
      if (admit || entry) {
        fold = -1;
        kind.push(0); from.push(s); to.push(s + 1); iter.push(0); head.push(row);
      } else {
        if (fold < 0) {
          fold = kind.length;
          kind.push(1); from.push(s); to.push(s); iter.push(0); head.push(row);
        }
        to[fold] = s + 1;
        if (row === head[fold]) iter[fold]++;
      }
    }
    list.kind = kind; list.from = from; list.to = to; list.iter = iter; list.head = head;
  }

  /** The visible lines: a step number, or -1 - item for a closed fold. */
  function flatten(list) {
    const v = [], start = [];
    for (let i = 0; i < list.kind.length; i++) {
      if (list.kind[i] === 1 && !list.open.has(i)) { v.push(-1 - i); start.push(list.from[i]); continue; }
      for (let s = list.from[i]; s < list.to[i]; s++) { v.push(s); start.push(s); }
    }
    list.visible = Int32Array.from(v);
    list.start = Float64Array.from(start);
    list.spacer.style.height = list.visible.length * HEIGHT + "px";
  }

  function toggle(list, item) {
    if (list.open.has(item)) list.open.delete(item); else list.open.add(item);
    flatten(list);
    list.current = -1;
    render(list, list.position);
  }

  /** The line that holds position p. */
  function lineOf(list, p) {
    return Model.lowerBound(list.start, p + 1) - 1;
  }

  function render(list, p) {
    list.position = p;
    const line = p < list.m.steps ? lineOf(list, p) : -1;
    if (line !== list.current && line >= 0) Panes.reveal(list.scroll, line * HEIGHT, HEIGHT);
    list.current = line;
    draw(list);
  }

  function draw(list) {
    const top = Panes.scrollTop(list.scroll), first = Math.max(0, Math.floor(top / HEIGHT) - SPARE);
    const last = Math.min(list.visible.length, Math.ceil((top + list.scroll.height) / HEIGHT) + SPARE);
    let k = 0;
    for (let i = first; i < last; i++, k++) {
      let el = list.pool[k];
      if (!el) { el = document.createElement("div"); el.className = "row"; list.spacer.appendChild(el); list.pool[k] = el; }
      const v = list.visible[i];
      el.style.top = i * HEIGHT + "px";
      el.style.display = "";
      el.dataset.v = v;
      el.className = "row" + (i === list.current ? " current" : "") + (v < 0 ? " fold" : "") +
        (v >= 0 && isEntryStep(list.m, v) ? " entry" : "");
      el.textContent = v < 0 ? foldText(list, -1 - v) : stepText(list.m, v);
    }
    for (; k < list.pool.length; k++) list.pool[k].style.display = "none";
  }

  function isEntryStep(m, s) {
    const i = Model.lowerBound(m.entryStep, s);
    return i < m.entryStep.length && m.entryStep[i] === s;
  }

  /** The label at or before row's address in its program. */
  function labelOf(m, row) {
    if (row < 0) return null;
    const r = m.rows[row], labels = m.h.programs[r.program].labels;
    let best = null;
    for (const [address, name] of labels) {
      if (address <= r.address && (best === null || address > best[0])) best = [address, name];
    }
    return best ? best[1] : null;
  }

  function foldText(list, item) {
    const m = list.m, from = list.from[item], to = list.to[item];
    const instructions = m.instrBefore[to] - m.instrBefore[from], label = labelOf(m, list.head[item]);
    return `          ... ${Panes.fmt(list.iter[item])} more iterations of the loop` +
      (label ? ` in ${label}` : "") + ` (${Panes.fmt(instructions)} instructions)  [click to open]`;
  }

  function stepText(m, s) {
    const row = m.row[s], f = m.folds.get(s);
    let text = String(s).padStart(7) + "  " + Panes.hex(m.pc[s]).padEnd(11);
    if (row >= 0) {
      const r = m.rows[row], p = m.h.programs[r.program];
      text += (p.file + ":" + r.line).padEnd(30) + " " + r.text.padEnd(32);
    }
    if (f) {
      const label = labelOf(m, row);
      text += ` ... folded when recorded: ${Panes.fmt(f.iterations)} iterations of the loop` +
        (label ? ` in ${label}` : "") + ` (${Panes.fmt(f.instructions)} instructions)`;
    }
    const changes = [];
    for (let c = m.regStart[s]; c < m.regStart[s + 1]; c++) {
      changes.push(m.h.registers[m.regIdx[c]].toLowerCase() + "=" + Panes.hex64(m.regLo[c], m.regHi[c]));
    }
    if (changes.length) text += "  " + changes.join(" ");
    const stored = m.wStart[s + 1] - m.wStart[s];
    if (stored > 0) {
      let bytes = 0;
      for (let w = m.wStart[s]; w < m.wStart[s + 1]; w++) bytes += m.wLen[w];
      text += `  stores ${bytes} byte${bytes === 1 ? "" : "s"} at ${Panes.hex(m.wAddr[m.wStart[s]])}`;
    }
    const i = Model.lowerBound(m.entryStep, s);
    if (i < m.entryStep.length && m.entryStep[i] === s) text += "  \u2190 " + m.entries[m.entryIndex[i]].words;
    return text;
  }

  return { create, render };
})();
