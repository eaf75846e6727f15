"use strict";
/*
 * panes.js: the registers, the indirection list and the hex view of one page.
 */
const Panes = (() => {
  /** n with thousands separators (1,234,567). */
  function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /**
   * A scrolled box whose scroll position is remembered from its own scroll events and whose
   * height is read once (and on resize), so rendering never has to ask the browser for layout
   * in the middle of changing the page: panes say where they want to scroll (reveal) and the
   * viewer applies every wish at the end (apply).
   */
  function scroll(box) {
    const s = { box, top: box.scrollTop, height: box.clientHeight, want: null };
    box.addEventListener("scroll", () => { s.top = box.scrollTop; }, { passive: true });
    window.addEventListener("resize", () => { s.height = box.clientHeight; });
    return s;
  }

  /** Asks s to scroll so that [top, top + h) is in view, a third of the way down, if it is not. */
  function reveal(s, top, h) {
    if (top < s.top || top + h > s.top + s.height) s.want = Math.max(0, Math.round(top - s.height / 3));
  }

  /** Where s will be once applied. */
  function scrollTop(s) {
    return s.want !== null ? s.want : s.top;
  }

  function apply(s) {
    if (s.want === null) return;
    s.box.scrollTop = s.want;
    s.top = s.want;
    s.want = null;
  }

  function hex64(lo, hi) {
    return hi === 0 ? "0x" + lo.toString(16) : "0x" + hi.toString(16) + lo.toString(16).padStart(8, "0");
  }

  function hex(n) {
    return "0x" + n.toString(16);
  }

  // ---- registers ----------------------------------------------------------------------

  function registers(m, table) {
    const cells = [];
    const names = m.h.registers;
    const perRow = names.length > 20 ? 2 : 1;
    for (let i = 0; i < names.length; i += perRow) {
      const tr = table.insertRow();
      for (let j = i; j < Math.min(i + perRow, names.length); j++) {
        const name = tr.insertCell(), value = tr.insertCell();
        name.className = "name"; value.className = "value";
        name.textContent = names[j].toLowerCase();
        value.dataset.register = names[j].toLowerCase();
        cells.push({ value, last: "" });
      }
    }
    return cells;
  }

  function renderRegisters(m, cells, p) {
    const regs = Model.registersAt(m, p), changed = Model.changedBy(m, p - 1);
    cells.forEach((c, i) => {
      const text = hex64(regs[2 * i], regs[2 * i + 1]);
      if (c.last !== text) { c.value.textContent = text; c.last = text; }
      c.value.classList.toggle("lit", changed.has(i));
    });
  }

  // ---- the indirection list ------------------------------------------------------------

  function list(m, box, head, go) {
    head.textContent = m.h.list.head;
    const table = document.createElement("table");
    const firstRead = new Map();
    for (let i = 0; i < m.entryIndex.length; i++) if (!firstRead.has(m.entryIndex[i])) firstRead.set(m.entryIndex[i], m.entryStep[i]);
    m.entries.forEach(({ kind, listAddress, address, segment, page, pages, destination, words: sentence }, n) => {
      const tr = table.insertRow();
      tr.dataset.entry = n;
      const words = kind === "SOURCE" ? `page ${hex(address)} \u2192 ${hex(destination)}`
        : kind === "DESTINATION" ? `${hex(destination)}, ${pages} pages`
        : kind === "INDIRECTION" ? `next page ${hex(address)}` : kind === "DONE" ? "end of the list" : "";
      const where = segment >= 0 ? (page >= 0 ? `seg ${segment} page ${page}/${pages}` : `seg ${segment}`) : "";
      [n, hex(listAddress), kind, words, where].forEach((t, k) => {
        const td = tr.insertCell();
        td.textContent = t;
        if (k === 2) td.className = "kind";
      });
      tr.title = sentence;
      if (firstRead.has(n)) { tr.style.cursor = "pointer"; tr.addEventListener("click", () => go(firstRead.get(n))); }
    });
    box.appendChild(table);
    const rowHeight = table.rows.length ? table.offsetHeight / table.rows.length : 16;
    return { table, current: null, scroll: scroll(box), rowHeight };
  }

  function renderList(m, l, p) {
    const i = Model.entryBefore(m, p);
    const n = i >= 0 ? m.entryIndex[i] : -1;
    const row = n >= 0 ? l.table.rows[n] : null;
    if (row === l.current) return;
    if (l.current) l.current.classList.remove("current");
    l.current = row;
    if (row) {
      row.classList.add("current");
      reveal(l.scroll, n * l.rowHeight, l.rowHeight);
    }
  }

  // ---- one page in hex -----------------------------------------------------------------

  function renderHex(m, pre, title, page, p) {
    if (page === null) {
      title.textContent = "nothing written yet: click a page of the map";
      pre.textContent = "";
      pre.lines = null;
      return;
    }
    const info = m.pageInfo.get(page);
    const what = info ? describePage(m, info) : "a page written during the run";
    title.textContent = `${hex(page * m.pageSize)}: ${what}, at step ${fmt(p)}` +
      (info && info.kind === 2 ? " (its first contents are not in this file)" : "");
    const { bytes, known, lit } = Model.pageAt(m, page, p);
    const lines = hexLines(pre, m.pageSize / 16);
    for (let off = 0, i = 0; off < m.pageSize; off += 16, i++) {
      const parts = [(page * m.pageSize + off).toString(16).padStart(10, "0"), "  "];
      for (let j = 0; j < 16; j++) {
        const k = off + j;
        const text = known[k] ? bytes[k].toString(16).padStart(2, "0") : "\u00b7\u00b7";
        if (lit[k]) parts.push('<span class="lit">', text, "</span>");
        else if (!known[k]) parts.push('<span class="unknown">', text, "</span>");
        else parts.push(text);
        parts.push(j === 7 ? "  " : j === 15 ? "" : " ");
      }
      parts.push("\n");
      const html = parts.join("");
      if (lines[i].last !== html) { lines[i].innerHTML = html; lines[i].last = html; }
    }
  }

  /** The pre's n line elements, made once: a render only rewrites the lines that changed. */
  function hexLines(pre, n) {
    if (!pre.lines || pre.lines.length !== n) {
      pre.textContent = "";
      pre.lines = [];
      for (let i = 0; i < n; i++) pre.lines.push(pre.appendChild(document.createElement("span")));
    }
    return pre.lines;
  }

  function describePage(m, info) {
    const seg = info.segment >= 0 ? ` of segment ${info.segment}` : "";
    switch (info.role) {
      case "source": return `source page ${info.index}${seg}`;
      case "destination": return `destination page ${info.index}${seg}`;
      case "indirection": return "indirection page (the list)";
      case "control": return "control page (the stub)";
      case "swap": return "swap page";
      default: return "the machine's reserved area";
    }
  }

  return { registers, renderRegisters, list, renderList, renderHex, describePage, hex, hex64, fmt, scroll, reveal, scrollTop, apply };
})();
