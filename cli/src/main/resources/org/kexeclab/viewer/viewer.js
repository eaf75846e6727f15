"use strict";
/*
 * viewer.js: opens the trace and ties the panes to one position. The scrubber, the buttons and
 * the keys all call go(p); go renders every pane for position p from the recorded data.
 * window.KexecViewer lets a test (or a curious reader in the console) drive the page.
 */
(async () => {
  const $ = id => document.getElementById(id);
  const h = Decode.header();
  const m = await Model.build(h);
  let position = 0;

  $("title").textContent = h.title;
  $("outcome").textContent = h.outcome;
  $("outcome").classList.toggle("failed", h.outcome.startsWith("FAILED"));
  $("notes").textContent = h.notes.join(" ");
  $("made-with").textContent = "made with: " + h.command;
  $("scrubber").max = m.steps;

  const endRow = rowAt(h.endPc);
  const entryStep = (() => { for (let s = 0; s < m.steps; s++) if (m.pc[s] === h.entry) return s; return -1; })();

  /** The legs the recording reached (the stub's, then a real kernel's purgatory), in step order. */
  const legs = (h.legs || []).filter(l => l.start >= 0);
  const legged = (h.legs || []).length > 1;
  $("leg").hidden = !legged;
  $("next-leg").hidden = !legged;

  /** The index in h.legs of the leg position p is in: the last one that starts at or before p. */
  function legAt(p) {
    let at = -1;
    (h.legs || []).forEach((l, i) => { if (l.start >= 0 && l.start <= p) at = i; });
    return at;
  }

  function legText(p) {
    const i = legAt(p), el = $("leg");
    el.textContent = i < 0 ? "" : `leg ${i + 1} of ${h.legs.length}: ${h.legs[i].describe}` +
      ` (from step ${Panes.fmt(h.legs[i].start)})`;
    el.dataset.leg = i + 1;
    el.classList.toggle("later", i > 0);
  }

  function rowAt(address) {
    for (let i = 0; i < m.rows.length; i++) {
      const r = m.rows[i];
      if (address >= r.address && address < r.address + r.length) return i;
    }
    return -1;
  }

  function go(p) {
    if (p === undefined) return position;
    position = Math.max(0, Math.min(m.steps, p));
    render();
    return position;
  }

  $("loading").hidden = true;
  $("app").hidden = false;
  let selectedPage = null;
  const source = SourcePane.create(m, $("source"), $("source-tabs"), go);
  const registers = Panes.registers(m, $("registers"));
  const list = Panes.list(m, $("list"), $("list-head"), p => go(p + 1));
  const map = MemoryMap.create(m, $("map"), $("map-hover"), $("map-summary"), $("legend"), page => {
    selectedPage = page;
    map.selected = page;
    render();
  });
  const steps = StepList.create(m, $("steps"), $("steps-spacer"), go);
  const strip = Strip();

  /** Renders every pane for the current position; times[] keeps what each took (ms). */
  const times = {};
  function timed(name, fn) {
    const t0 = performance.now();
    fn();
    times[name] = performance.now() - t0;
  }

  function render() {
    const p = position, row = p < m.steps ? m.row[p] : endRow;
    $("scrubber").value = p;
    positionText(p, row);
    if (legged) legText(p);
    timed("source", () => SourcePane.render(source, p, row));
    timed("registers", () => Panes.renderRegisters(m, registers, p));
    timed("list", () => Panes.renderList(m, list, p));
    map.position = p;
    timed("map", () => MemoryMap.render(map, p));
    timed("hex", () => Panes.renderHex(m, $("hex"), $("hex-title"), selectedPage !== null ? selectedPage : followedPage(p), p));
    timed("steps", () => StepList.render(steps, p));
    timed("strip", () => strip.marker(p));
    timed("scroll", () => [source.scroll, list.scroll, steps.scroll].forEach(Panes.apply));
  }

  /** Without a page picked, the hex view shows the page of the last write before p. */
  function followedPage(p) {
    const w = Model.lowerBound(m.wStep, p, m.writeCount) - 1;
    return w >= 0 ? Math.floor(m.wAddr[w] / m.pageSize) : null;
  }

  function positionText(p, row) {
    const at = p < m.steps ? Panes.hex(m.pc[p]) : Panes.hex(h.endPc) + " (end)";
    const where = row >= 0 ? ` ${h.programs[m.rows[row].program].file}:${m.rows[row].line}` : "";
    const pages = Model.lowerBound(m.pageCopySteps, p);
    const el = $("position");
    el.textContent = `step ${Panes.fmt(p)} of ${Panes.fmt(m.steps)}` +
      (h.folded ? ` (instruction ${Panes.fmt(m.instrBefore[p])} of ${Panes.fmt(h.instructions)})` : "") +
      ` \u00b7 pc ${at}${where} \u00b7 page ${Panes.fmt(pages)} of ${Panes.fmt(m.pageCopySteps.length)} taken`;
    el.dataset.step = p;
  }

  /** The first entry-read step s (in sorted steps) with s + 1 after p, or before p when back. */
  function nextIn(stepsArray, back) {
    if (back) {
      const i = Model.lowerBound(stepsArray, position - 1) - 1;
      return i >= 0 ? stepsArray[i] + 1 : 0;
    }
    const i = Model.lowerBound(stepsArray, position);
    return i < stepsArray.length ? stepsArray[i] + 1 : m.steps;
  }

  const actions = {
    "go-start": () => go(0),
    "step-back": () => go(position - 1),
    "step": () => go(position + 1),
    "prev-page": () => go(nextIn(m.pageCopySteps, true)),
    "next-page": () => go(nextIn(m.pageCopySteps, false)),
    "prev-entry": () => go(nextIn(m.entryStep, true)),
    "next-entry": () => go(nextIn(m.entryStep, false)),
    "go-entry": () => go(entryStep >= 0 ? entryStep : m.steps),
    "go-end": () => go(m.steps),
    "next-leg": () => { const l = legs.find(l => l.start > position); go(l ? l.start : m.steps); },
  };
  for (const [id, fn] of Object.entries(actions)) $(id).addEventListener("click", fn);
  const keys = {
    ArrowRight: "step", ArrowLeft: "step-back", PageDown: "next-page", "]": "next-page", PageUp: "prev-page",
    "[": "prev-page", ArrowDown: "next-entry", n: "next-entry", ArrowUp: "prev-entry", p: "prev-entry",
    e: "go-entry", l: "next-leg", Home: "go-start", End: "go-end",
  };
  document.addEventListener("keydown", e => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    actions[action]();
  }, true);
  $("scrubber").addEventListener("input", e => go(Number(e.target.value)));
  $("zoom").addEventListener("click", () => { MemoryMap.zoom(map); render(); });
  $("follow").addEventListener("click", () => { selectedPage = null; map.selected = null; render(); });

  /** The strip above the scrubber: which program runs where, and a tick per page copy. */
  function Strip() {
    const canvas = $("strip"), ctx = canvas.getContext("2d");
    const colours = ["#dfe9f5", "#f6e3c8", "#e0efd9"];
    let background = null;
    function paint() {
      const w = canvas.clientWidth || 800;
      canvas.width = w; canvas.height = 22;
      const x = s => m.steps === 0 ? 0 : Math.floor(s / m.steps * (w - 1));
      const prog = r => (m.row[r] >= 0 ? m.rows[m.row[r]].program : -1);
      let from = 0;
      for (let s = 1; s <= m.steps; s++) {
        if (s === m.steps || prog(s) !== prog(from)) {
          ctx.fillStyle = prog(from) >= 0 ? colours[prog(from) % colours.length] : "#eeeeee";
          ctx.fillRect(x(from), 0, Math.max(1, x(s) - x(from)), 22);
          from = s;
        }
      }
      ctx.fillStyle = "rgba(60,60,60,0.55)";
      for (const s of m.pageCopySteps) ctx.fillRect(x(s), 13, 1, 9);
      background = ctx.getImageData(0, 0, canvas.width, canvas.height);
    }
    paint();
    window.addEventListener("resize", () => { paint(); render(); });
    return {
      marker(p) {
        ctx.putImageData(background, 0, 0);
        const xp = m.steps === 0 ? 0 : Math.floor(p / m.steps * (canvas.width - 1));
        ctx.fillStyle = "#d00000";
        ctx.fillRect(xp - 1, 0, 3, 22);
      },
    };
  }

  const start = /^#step=(\d+)$/.exec(location.hash);   // trace.html#step=1234 opens at step 1234
  if (start) position = Math.min(m.steps, Number(start[1]));
  render();
  window.KexecViewer = {
    go, model: m, map, position: () => position, times,
    cellOf: page => MemoryMap.cellOf(map, page),
    pickPage: page => { selectedPage = page; map.selected = page; render(); },
  };
  document.body.dataset.ready = "true";
  document.body.dataset.readyMs = performance.now().toFixed(0);
})().catch(e => {
  const box = document.getElementById("loading");
  box.textContent = "This trace could not be opened in this browser: " + e.message;
  document.body.dataset.ready = "failed";
  throw e;
});
