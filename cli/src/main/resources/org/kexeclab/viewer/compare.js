"use strict";
/*
 * compare.js: the architectures side by side, lined up by page copy. Position j is the j-th
 * page's copy (0: what ran before the first one). Each column shows its stub's source with, in
 * the gutter, how often each line ran while that page was copied, and how many steps it took.
 * The chart above draws every column's steps per page (log scale) with the position marked.
 */
(async () => {
  const $ = id => document.getElementById(id);
  const h = Decode.header();
  const COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b8860b", "#b07aa1", "#ff6f91"];
  const fmt = n => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const LINE = 16;

  /** One column's windows: steps per window and, per window, the rows that ran with their counts. */
  async function windows(i, c) {
    const r = new Decode.Reader(await Decode.blob("counts-" + i));
    const steps = [], start = [0], rows = [], counts = [];
    while (r.more()) {
      steps.push(r.uint());
      const k = r.uint();
      for (let j = 0; j < k; j++) { rows.push(r.uint()); counts.push(r.uint()); }
      start.push(rows.length);
    }
    return { steps, start, rows, counts };
  }

  const columns = [];
  for (let i = 0; i < h.columns.length; i++) {
    const c = h.columns[i];
    columns.push({ c, i, w: c.reason ? null : await windows(i, c) });
  }
  const last = Math.max(0, ...columns.map(k => (k.w ? k.w.steps.length - 1 : 0)));
  let position = 0;

  $("title").textContent = h.title;
  $("made-with").textContent = "made with: " + h.command;
  $("scrubber").max = last;
  $("loading").hidden = true;
  $("app").hidden = false;

  for (const k of columns) build(k);

  function build(k) {
    const c = k.c, el = document.createElement("section");
    el.className = "pane column";
    el.dataset.label = c.label;
    const head = document.createElement("h2"), swatch = document.createElement("i");
    swatch.style.background = COLOURS[k.i % COLOURS.length];
    head.append(swatch, c.label + (c.engine ? " " : ""));
    if (c.engine) { const e = document.createElement("span"); e.className = "hint"; e.textContent = c.engine; head.append(e); }
    el.appendChild(head);
    k.stats = document.createElement("div");
    k.stats.className = "stats";
    el.appendChild(k.stats);
    if (c.reason) { k.stats.textContent = c.reason; $("columns").appendChild(el); return; }
    const outcome = document.createElement("div");
    outcome.className = "outcome" + (c.verified ? "" : " failed");
    outcome.textContent = c.outcome;
    el.appendChild(outcome);
    k.code = document.createElement("div");
    k.code.className = "listing scroll";
    k.gutter = new Map();
    const lineOfRow = c.lines;
    const codeLines = new Set(lineOfRow);
    c.source.split("\n").forEach((text, n) => {
      const div = document.createElement("div");
      div.className = "src" + (codeLines.has(n + 1) ? " code" : "");
      const count = document.createElement("span"), no = document.createElement("span"), t = document.createElement("span");
      count.className = "count"; no.className = "no"; t.className = "text";
      no.textContent = n + 1;
      t.textContent = text || " ";
      div.append(count, no, t);
      if (codeLines.has(n + 1)) k.gutter.set(n + 1, { div, count });
      k.code.appendChild(div);
    });
    el.appendChild(k.code);
    k.lit = [];
    $("columns").appendChild(el);
  }

  function render() {
    $("scrubber").value = position;
    const el = $("position");
    el.textContent = position === 0 ? `before the first page copy (0 of ${fmt(last)})` : `page copy ${fmt(position)} of ${fmt(last)}`;
    el.dataset.page = position;
    for (const k of columns) if (k.w) renderColumn(k);
    chart.marker(position);
  }

  function renderColumn(k) {
    const w = k.w, j = position;
    for (const g of k.lit) { g.count.textContent = ""; g.div.classList.remove("current", "hot"); }
    k.lit = [];
    if (j >= w.steps.length) { k.stats.textContent = "no such page: this run copied fewer"; return; }
    const perLine = new Map();
    for (let p = w.start[j]; p < w.start[j + 1]; p++) {
      const line = k.c.lines[w.rows[p]];
      perLine.set(line, (perLine.get(line) || 0) + w.counts[p]);
    }
    let hottest = null, most = 0;
    for (const [line, n] of perLine) {
      const g = k.gutter.get(line);
      if (!g) continue;
      g.count.textContent = fmt(n);
      g.div.classList.add("current");
      if (n > 1) g.div.classList.add("hot");
      k.lit.push(g);
      if (n > most) { most = n; hottest = line; }
    }
    let sofar = 0;
    for (let p = 0; p <= j; p++) sofar += w.steps[p];
    k.stats.innerHTML = "";
    const b = document.createElement("b");
    b.textContent = fmt(w.steps[j]);
    b.dataset.steps = w.steps[j];
    k.stats.append(b, ` steps ${j === 0 ? "before the first copy" : "for this page"}`, document.createElement("br"),
      `${fmt(sofar)} of ${fmt(k.c.steps)} steps so far`, document.createElement("br"),
      `${fmt(k.c.instructions)} instructions in all, ${k.c.pagesCopied > 0 ? (k.c.instructions / k.c.pagesCopied).toFixed(1) : "-"} a page`);
    if (hottest !== null) {
      const top = (hottest - 1) * LINE, box = k.code;
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  function go(j) {
    position = Math.max(0, Math.min(last, j));
    render();
  }

  /** The chart: steps per page copy, one line per column, on a log scale. */
  const chart = (() => {
    const canvas = $("chart"), ctx = canvas.getContext("2d");
    let background = null;
    function paint() {
      const W = canvas.clientWidth || 800, H = 150, pad = 40;
      canvas.width = W; canvas.height = H;
      ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
      let max = 1;
      for (const k of columns) if (k.w) for (let j = 1; j < k.w.steps.length; j++) max = Math.max(max, k.w.steps[j]);
      const top = Math.log10(max * 1.5), y = v => H - 14 - (H - 24) * Math.log10(Math.max(1, v)) / top;
      const x = j => pad + (W - pad - 8) * (last <= 1 ? 0.5 : (j - 1) / (last - 1));
      ctx.fillStyle = "#8a8983"; ctx.font = "10px ui-monospace, monospace";
      for (let d = 1; d <= max * 1.5; d *= 10) { ctx.fillText(fmt(d), 2, y(d) - 2); ctx.fillRect(pad - 4, y(d), W - pad, 1); }
      columns.forEach(k => {
        if (!k.w || k.w.steps.length < 2) return;
        ctx.strokeStyle = COLOURS[k.i % COLOURS.length]; ctx.lineWidth = 1.5; ctx.beginPath();
        for (let j = 1; j < k.w.steps.length; j++) { if (j === 1) ctx.moveTo(x(j), y(k.w.steps[j])); else ctx.lineTo(x(j), y(k.w.steps[j])); }
        if (k.w.steps.length === 2) ctx.lineTo(x(1) + 2, y(k.w.steps[1]));
        ctx.stroke();
      });
      background = ctx.getImageData(0, 0, W, H);
      chart.x = x;
    }
    const chart = { paint, marker(j) { ctx.putImageData(background, 0, 0); if (j >= 1) { ctx.fillStyle = "#d00000"; ctx.fillRect(chart.x(j) - 1, 0, 2, 150); } } };
    return chart;
  })();
  chart.paint();
  window.addEventListener("resize", () => { chart.paint(); render(); });

  const actions = {
    "go-start": () => go(0), "prev-page": () => go(position - 1), "next-page": () => go(position + 1), "go-end": () => go(last),
  };
  for (const [id, fn] of Object.entries(actions)) $(id).addEventListener("click", fn);
  const keys = { ArrowRight: () => go(position + 1), ArrowLeft: () => go(position - 1), Home: () => go(0), End: () => go(last),
    PageDown: () => go(position + Math.max(1, Math.round(last / 10))), PageUp: () => go(position - Math.max(1, Math.round(last / 10))) };
  document.addEventListener("keydown", e => {
    const fn = keys[e.key];
    if (!fn || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    fn();
  }, true);
  $("scrubber").addEventListener("input", e => go(Number(e.target.value)));
  render();
  window.KexecCompare = { go, position: () => position, columns };
  document.body.dataset.ready = "true";
  document.body.dataset.readyMs = performance.now().toFixed(0);
})().catch(e => {
  document.getElementById("loading").textContent = "This comparison could not be opened in this browser: " + e.message;
  document.body.dataset.ready = "failed";
  throw e;
});
