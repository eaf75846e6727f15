"use strict";
/*
 * memorymap.js: RAM as a grid of pages, 768 pixels of pages per row (256 pages of 3 pixels,
 * 128 of 6 or 64 of 12: the largest that lets the whole map fit in 400 pixels of height), rows
 * without a page of interest left out (a gap marks where). Source pages are drawn in their
 * segment's colour, pale; destination pages grey until the stub writes them, then in the
 * segment's colour (half-tone while partly written); indirection pages dark grey, the control
 * page black, the swap page purple. The pages the last step wrote are outlined in red, the page
 * shown in hex in blue. Pages of the machine's reserved area appear once the run writes them.
 */
const MemoryMap = (() => {
  const ROW_PIXELS = 768, CELLS = [12, 6, 3], FIT = 400, LABEL = 84, GAP = 7;
  const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b8860b", "#b07aa1", "#ff6f91"];
  const ROLE_COLOUR = { control: "#111111", indirection: "#5f5f5f", swap: "#8e44ad", reserved: "#a8a79f", other: "#c9c8c0" };
  const PENDING = "#e4e3dd";

  function segmentColour(s, pale) {
    const c = PALETTE[s % PALETTE.length];
    if (!pale) return c;
    const n = parseInt(c.slice(1), 16), mix = v => Math.round(v + (255 - v) * 0.4);
    return `rgb(${mix(n >> 16)},${mix((n >> 8) & 255)},${mix(n & 255)})`;
  }

  function create(m, canvas, hover, summary, legend, onPick) {
    const map = { m, canvas, hover, summary, cell: 3, selected: null, onPick };
    const shown = new Set();
    for (const [number, info] of m.pageInfo) if (info.role !== "reserved") shown.add(number);
    for (const page of m.pageWrites.keys()) shown.add(page);
    map.pages = Float64Array.from([...shown].sort((a, b) => a - b));
    copiedPages(map);
    map.cell = CELLS.find(c => height(map, c) <= FIT) || CELLS[CELLS.length - 1];
    layout(map);
    legendOf(map, legend);
    canvas.addEventListener("mousemove", e => { const page = pageAtPoint(map, e); hover.textContent = page === null ? "\u00a0" : describe(map, page); });
    canvas.addEventListener("click", e => { const page = pageAtPoint(map, e); if (page !== null) onPick(page); });
    return map;
  }

  /**
   * The destination pages the list copies: every SOURCE entry's, also where the allocator put
   * the source page on its destination (the stub copies it onto itself).
   */
  function copiedPages(map) {
    const m = map.m;
    map.toCopy = new Set();
    for (const e of m.entries) {
      if (e.kind === "SOURCE") map.toCopy.add(Math.floor(e.destination / m.pageSize));
    }
  }

  /** Height of the map drawn with cells of c pixels. */
  function height(map, c) {
    const perRow = ROW_PIXELS / c;
    let y = 0, last = -2;
    for (const page of map.pages) {
      const row = Math.floor(page / perRow);
      if (row === last) continue;
      y += (last >= 0 && row !== last + 1 ? GAP : 0) + c;
      last = row;
    }
    return y;
  }

  function layout(map) {
    const c = map.cell;
    map.perRow = ROW_PIXELS / c;
    const PER_ROW = map.perRow;
    map.rowY = new Map();
    map.gaps = [];
    let y = 0, last = -2;
    for (const page of map.pages) {
      const row = Math.floor(page / PER_ROW);
      if (row === last) continue;
      if (last >= 0 && row !== last + 1) { map.gaps.push(y); y += GAP; }
      map.rowY.set(row, y);
      y += c;
      last = row;
    }
    map.width = LABEL + PER_ROW * c;
    map.height = Math.max(y, c);
    const dpr = window.devicePixelRatio || 1;
    map.canvas.width = map.width * dpr;
    map.canvas.height = map.height * dpr;
    map.canvas.style.width = map.width + "px";
    map.canvas.style.height = map.height + "px";
    map.ctx = map.canvas.getContext("2d");
    map.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  /** Where page is drawn: {x, y, size} in CSS pixels of the canvas, or null. */
  function cellOf(map, page) {
    const y = map.rowY.get(Math.floor(page / map.perRow));
    if (y === undefined) return null;
    return { x: LABEL + (page % map.perRow) * map.cell, y, size: map.cell };
  }

  function pageAtPoint(map, e) {
    const r = map.canvas.getBoundingClientRect();
    const x = e.clientX - r.left - LABEL, y = e.clientY - r.top;
    if (x < 0 || x >= ROW_PIXELS) return null;
    for (const [row, top] of map.rowY) {
      if (y >= top && y < top + map.cell) {
        const page = row * map.perRow + Math.floor(x / map.cell);
        const i = Model.lowerBound(map.pages, page);
        return map.pages[i] === page ? page : null;
      }
    }
    return null;
  }

  /** The colour of page at position p, and whether it is a destination page fully copied. */
  function colour(map, page, p) {
    const m = map.m, info = m.pageInfo.get(page);
    if (!info) return ROLE_COLOUR.other;
    switch (info.role) {
      case "source": return segmentColour(info.segment, true);
      case "destination": {
        if (!map.toCopy.has(page)) return segmentColour(info.segment, false);
        const written = Model.bytesWritten(m, page, p);
        return written >= m.pageSize ? segmentColour(info.segment, false) : written > 0 ? segmentColour(info.segment, true) : PENDING;
      }
      default: return ROLE_COLOUR[info.role];
    }
  }

  function render(map, p) {
    const m = map.m, ctx = map.ctx, c = map.cell, PER_ROW = map.perRow;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, map.width, map.height);
    ctx.fillStyle = "#8a8983";
    ctx.font = "10px ui-monospace, monospace";
    ctx.textBaseline = "top";
    let lastLabel = -1e9;
    for (const [row, y] of map.rowY) {
      if (y - lastLabel >= 12) { ctx.fillText("0x" + (row * PER_ROW * m.pageSize).toString(16), 2, y); lastLabel = y; }
    }
    ctx.fillStyle = "#efeee8";
    for (const y of map.gaps) ctx.fillRect(LABEL, y + 2, PER_ROW * c, GAP - 4);
    let copied = 0;
    const inset = c > 2 ? 1 : 0;
    for (const page of map.pages) {
      const at = cellOf(map, page);
      ctx.fillStyle = colour(map, page, p);
      ctx.fillRect(at.x, at.y, c - inset, c - inset);
      if (map.toCopy.has(page) && Model.bytesWritten(m, page, p) >= m.pageSize) copied++;
    }
    const written = new Set();
    if (p > 0) for (let w = m.wStart[p - 1]; w < m.wStart[p]; w++) written.add(Math.floor(m.wAddr[w] / m.pageSize));
    for (const page of written) outline(map, page, "#e00000");
    if (map.selected !== null) outline(map, map.selected, "#1f5fbf");
    map.summary.textContent = `destination pages copied: ${Panes.fmt(copied)} of ${Panes.fmt(map.toCopy.size)}`;
    map.summary.dataset.copied = copied;
    map.summary.dataset.toCopy = map.toCopy.size;
  }

  function outline(map, page, colour) {
    const at = cellOf(map, page);
    if (!at) return;
    map.ctx.strokeStyle = colour;
    map.ctx.lineWidth = 1.5;
    map.ctx.strokeRect(at.x - 1.5, at.y - 1.5, at.size + 2, at.size + 2);
  }

  function describe(map, page) {
    const m = map.m, info = m.pageInfo.get(page);
    const what = info ? Panes.describePage(m, info) : "a page the run wrote";
    let state = "";
    if (info && info.role === "destination" && map.toCopy.has(page)) {
      const w = Model.bytesWritten(m, page, map.position);
      state = w >= m.pageSize ? ": copied" : w > 0 ? `: ${Math.floor(100 * w / m.pageSize)}% written` : ": not copied yet";
    }
    return `${Panes.hex(page * m.pageSize)} ${what}${state} (click: its bytes)`;
  }

  function legendOf(map, legend) {
    const m = map.m, items = [];
    m.h.segments.forEach((s, i) => items.push([segmentColour(i, false),
      `segment ${i}${s.label ? " (" + s.label + ")" : ""}: ${Panes.hex(s.mem)}, ${s.pages} pages`]));
    items.push([segmentColour(0, true), "source pages (pale)"], [PENDING, "destination not copied yet"],
      [ROLE_COLOUR.indirection, "indirection pages"], [ROLE_COLOUR.control, "control page"]);
    if ([...m.pageInfo.values()].some(p => p.role === "swap")) items.push([ROLE_COLOUR.swap, "swap page"]);
    items.push([ROLE_COLOUR.reserved, "machine area, written"]);
    for (const [colour, text] of items) {
      const span = document.createElement("span"), box = document.createElement("i");
      box.style.background = colour;
      span.append(box, text);
      legend.appendChild(span);
    }
  }

  /** The next cell size: larger, then back to the smallest. */
  function zoom(map) {
    const i = CELLS.indexOf(map.cell);
    map.cell = CELLS[(i + CELLS.length - 1) % CELLS.length];
    layout(map);
  }

  return { create, render, cellOf, zoom, colour, segmentColour };
})();
