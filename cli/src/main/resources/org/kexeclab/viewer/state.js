"use strict";
/*
 * state.js: the run as arrays, and the machine's state at any position. Position p means
 * "steps 0 .. p-1 have run; step p is next" (0 <= p <= steps). Nothing is stored per position:
 * registers are rebuilt from the nearest checkpoint (one every CHECKPOINT steps) plus the
 * recorded changes, a page from its first contents plus the recorded writes, a line's
 * execution count by binary search in the steps that ran it. Going back costs what going
 * forward costs.
 */
const Model = (() => {
  const CHECKPOINT = 4096;

  /** First index i in sorted array a (of length n) with a[i] >= v. */
  function lowerBound(a, v, n = a.length) {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid] < v) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function grow(a, n) {
    const b = new a.constructor(Math.max(16, n * 2));
    b.set(a);
    return b;
  }

  async function build(h) {
    const names = ["rows", "pcs", "regs", "writes", "literals", "entries", "folds", "memory", "list", "pages"];
    const b = {};
    await Promise.all(names.map(async n => { b[n] = await Decode.blob(n); }));
    const m = { h, steps: h.steps, pageSize: h.pageSize };
    programRows(m);
    decodeList(m, b.list);
    decodeSteps(m, b);
    decodeRegisters(m, b.regs);
    decodeWrites(m, b.writes, b.literals);
    decodeEntries(m, b.entries);
    decodeFolds(m, b.folds);
    decodeMemory(m, b.pages, b.memory);
    indexLines(m);
    indexPages(m);
    return m;
  }

  /** Every listed statement of every program, numbered as the writer numbered them. */
  function programRows(m) {
    const rows = [];
    m.h.programs.forEach((p, pi) => {
      p.firstRow = rows.length;
      p.lines = p.source.split("\n");
      for (const [address, length, line, text] of p.rows) rows.push({ program: pi, address, length, line, text });
    });
    m.rows = rows;
  }

  /** The indirection list, entry by entry, with its words as ListEntry.describe() puts them. */
  function decodeList(m, bytes) {
    const r = new Decode.Reader(bytes), kinds = m.h.list.kinds;
    m.entries = [];
    let listAddress = 0;
    for (let n = 0; n < m.h.list.entries; n++) {
      const kind = kinds[r.uint()];
      listAddress += r.int();
      const e = { kind, listAddress, address: r.uint(), segment: r.uint() - 1, page: r.uint() - 1, pages: r.uint(),
        destination: r.uint() - 1, value: r.uint() };
      e.words = entryWords(n, e);
      m.entries.push(e);
    }
  }

  function entryWords(n, e) {
    const hex = v => "0x" + v.toString(16), at = `entry ${n} at ${hex(e.listAddress)}: `;
    switch (e.kind) {
      case "SOURCE": return at + `SOURCE page ${hex(e.address)} -> destination ${hex(e.destination)}, page ${e.page} of ` +
        `${e.pages} of segment ${e.segment}` + (e.address === e.destination ? " (already in place)" : "");
      case "DESTINATION": return at + `DESTINATION ${hex(e.address)}, start of segment ${e.segment} (${e.pages} pages)`;
      case "INDIRECTION": return at + `INDIRECTION -> next indirection page ${hex(e.address)}`;
      case "DONE": return at + "DONE, end of the list";
      default: return at + `empty (${hex(e.value)}), skipped`;
    }
  }

  function decodeSteps(m, b) {
    const n = m.steps;
    m.row = new Int32Array(n);
    m.pc = new Float64Array(n);
    const r = new Decode.Reader(b.rows), pcs = new Decode.Reader(b.pcs);
    let prev = 0;
    for (let s = 0; s < n; s++) {
      prev += r.int();
      m.row[s] = prev - 1;
      m.pc[s] = prev > 0 ? m.rows[prev - 1].address : pcs.uint();
    }
  }

  function decodeRegisters(m, bytes) {
    const n = m.steps, count = m.h.registers.length;
    const r = new Decode.Reader(bytes);
    const cur = new Uint32Array(count * 2);
    m.h.initial.forEach((hex, i) => {
      const v = hex.padStart(16, "0");
      cur[2 * i] = parseInt(v.slice(8), 16) >>> 0;
      cur[2 * i + 1] = parseInt(v.slice(0, 8), 16) >>> 0;
    });
    m.initialRegs = cur.slice();
    m.regStart = new Uint32Array(n + 1);
    let idx = new Uint8Array(1 << 16), lo = new Uint32Array(1 << 16), hi = new Uint32Array(1 << 16), c = 0;
    m.checkpoints = [];
    const pair = [0, 0];
    for (let s = 0; s < n; s++) {
      if (s % CHECKPOINT === 0) m.checkpoints.push(cur.slice());
      m.regStart[s] = c;
      const k = r.uint();
      for (let j = 0; j < k; j++) {
        if (c === idx.length) { idx = grow(idx, c); lo = grow(lo, c); hi = grow(hi, c); }
        const reg = r.uint();
        pair[0] = cur[2 * reg]; pair[1] = cur[2 * reg + 1];
        r.addInt64(pair);
        cur[2 * reg] = pair[0]; cur[2 * reg + 1] = pair[1];
        idx[c] = reg; lo[c] = pair[0]; hi[c] = pair[1];
        c++;
      }
    }
    if (n % CHECKPOINT === 0) m.checkpoints.push(cur.slice());
    m.regStart[n] = c;
    m.regIdx = idx; m.regLo = lo; m.regHi = hi;
  }

  function decodeWrites(m, bytes, literals) {
    const n = m.steps, r = new Decode.Reader(bytes);
    m.literals = literals;
    m.wStart = new Uint32Array(n + 1);
    let addr = new Float64Array(1 << 14), len = new Uint32Array(1 << 14), src = new Float64Array(1 << 14),
      step = new Uint32Array(1 << 14), c = 0;
    let end = 0, copyEnd = 0, lit = 0;
    for (let s = 0; s < n; s++) {
      m.wStart[s] = c;
      const k = r.uint();
      for (let j = 0; j < k; j++) {
        if (c === addr.length) { addr = grow(addr, c); len = grow(len, c); src = grow(src, c); step = grow(step, c); }
        addr[c] = end + r.int();
        len[c] = r.uint();
        end = addr[c] + len[c];
        if (r.uint() === 1) {
          src[c] = copyEnd + r.int();
          copyEnd = src[c] + len[c];
        } else {
          src[c] = -1 - lit;               // a literal: -1 - its offset in the literal bytes
          lit += len[c];
        }
        step[c] = s;
        c++;
      }
    }
    m.wStart[n] = c;
    m.wAddr = addr; m.wLen = len; m.wSrc = src; m.wStep = step; m.writeCount = c;
  }

  function decodeEntries(m, bytes) {
    const r = new Decode.Reader(bytes), steps = [], index = [];
    let s = 0;
    while (r.more()) { s += r.uint(); steps.push(s); index.push(r.uint()); }
    m.entryStep = Uint32Array.from(steps);
    m.entryIndex = Uint32Array.from(index);
    const pageSteps = [];
    for (let i = 0; i < steps.length; i++) if (m.entries[index[i]].kind === "SOURCE") pageSteps.push(steps[i]);
    m.pageCopySteps = Uint32Array.from(pageSteps);
  }

  function decodeFolds(m, bytes) {
    const r = new Decode.Reader(bytes);
    m.folds = new Map();
    let s = 0;
    while (r.more()) {
      s += r.uint();
      const f = { instructions: r.uint(), iterations: r.uint(), rows: [] };
      const k = r.uint();
      for (let j = 0; j < k; j++) f.rows.push([r.uint(), r.uint()]);
      m.folds.set(s, f);
    }
    m.instrBefore = new Float64Array(m.steps + 1);
    for (let i = 0; i < m.steps; i++) {
      const f = m.folds.get(i);
      m.instrBefore[i + 1] = m.instrBefore[i] + (f ? f.instructions : 1);
    }
  }

  /**
   * The classified pages (the pages blob: number, role, segment, index of each) and their first
   * contents (the memory blob, per page: 0 all zero, 1 its bytes follow, 2 not kept).
   */
  function decodeMemory(m, table, bytes) {
    m.pageInfo = new Map();
    const r = new Decode.Reader(table);
    let p = 0, number = 0;
    for (let i = 0; i < m.h.pages; i++) {
      number += r.uint();
      const role = m.h.roles[r.uint()], segment = r.uint() - 1, index = r.uint() - 1;
      const kind = bytes[p++];
      m.pageInfo.set(number, { number, role, segment, index, kind, offset: kind === 1 ? p : -1 });
      if (kind === 1) p += m.pageSize;
    }
    m.memory = bytes;
  }

  /**
   * Per source line (program, line): the steps that ran it, in order, with the running count of
   * executions (a folded loop adds its count for every row it ran).
   */
  function indexLines(m) {
    const lineOf = new Int32Array(m.rows.length);
    const keys = new Map();
    m.lines = [];
    m.rows.forEach((row, i) => {
      const key = row.program + ":" + row.line;
      if (!keys.has(key)) { keys.set(key, m.lines.length); m.lines.push({ program: row.program, line: row.line, rows: [] }); }
      lineOf[i] = keys.get(key);
      m.lines[keys.get(key)].rows.push(i);
    });
    m.lineOf = lineOf;
    const counts = new Uint32Array(m.lines.length);
    const each = (fn) => {
      for (let s = 0; s < m.steps; s++) {
        const f = m.folds.get(s);
        if (f) { for (const [row, c] of f.rows) fn(lineOf[row], s, c); }
        else if (m.row[s] >= 0) fn(lineOf[m.row[s]], s, 1);
      }
    };
    each(l => { counts[l]++; });
    m.lines.forEach((l, i) => { l.steps = new Uint32Array(counts[i]); l.cum = new Float64Array(counts[i]); l.n = 0; });
    each((l, s, c) => {
      const line = m.lines[l];
      if (line.n > 0 && line.steps[line.n - 1] === s) { line.cum[line.n - 1] += c; return; }
      line.steps[line.n] = s;
      line.cum[line.n] = (line.n > 0 ? line.cum[line.n - 1] : 0) + c;
      line.n++;
    });
  }

  /** Per page: its writes in step order, with the running count of bytes written. */
  function indexPages(m) {
    const byPage = new Map();
    for (let w = 0; w < m.writeCount; w++) {
      const page = Math.floor(m.wAddr[w] / m.pageSize);
      let list = byPage.get(page);
      if (!list) { list = []; byPage.set(page, list); }
      list.push(w);
    }
    m.pageWrites = new Map();
    for (const [page, list] of byPage) {
      const writes = Uint32Array.from(list), steps = new Uint32Array(list.length), bytes = new Float64Array(list.length);
      let total = 0;
      list.forEach((w, i) => { steps[i] = m.wStep[w]; total += m.wLen[w]; bytes[i] = total; });
      m.pageWrites.set(page, { writes, steps, bytes });
    }
  }

  // ---- the state at a position ----------------------------------------------------------

  /** The followed registers at position p, as [lo0, hi0, lo1, hi1, ...]. */
  function registersAt(m, p) {
    const k = Math.min(Math.floor(p / CHECKPOINT), m.checkpoints.length - 1);
    const regs = m.checkpoints[k].slice();
    for (let c = m.regStart[k * CHECKPOINT]; c < m.regStart[p]; c++) {
      regs[2 * m.regIdx[c]] = m.regLo[c];
      regs[2 * m.regIdx[c] + 1] = m.regHi[c];
    }
    return regs;
  }

  /** Registers step s changed. */
  function changedBy(m, s) {
    const out = new Set();
    if (s >= 0 && s < m.steps) for (let c = m.regStart[s]; c < m.regStart[s + 1]; c++) out.add(m.regIdx[c]);
    return out;
  }

  /** Index into entryStep of the last list entry read before position p, or -1. */
  function entryBefore(m, p) {
    return lowerBound(m.entryStep, p) - 1;
  }

  /** How often source line l ran before position p. */
  function lineCount(line, p) {
    const i = lowerBound(line.steps, p, line.n);
    return i === 0 ? 0 : line.cum[i - 1];
  }

  /** Bytes written into page number before position p. */
  function bytesWritten(m, page, p) {
    const w = m.pageWrites.get(page);
    if (!w) return 0;
    const i = lowerBound(w.steps, p);
    return i === 0 ? 0 : w.bytes[i - 1];
  }

  /** The byte at address in the first contents, or -1 where the file does not have it. */
  function firstByte(m, address) {
    const info = m.pageInfo.get(Math.floor(address / m.pageSize));
    if (!info || info.kind === 2) return -1;
    return info.kind === 0 ? 0 : m.memory[info.offset + (address % m.pageSize)];
  }

  /**
   * Page number at position p: its bytes, which of them are known (the file has the page's
   * first contents or a write set them) and which the last step (p - 1) wrote.
   */
  function pageAt(m, page, p) {
    const size = m.pageSize, base = page * size;
    const bytes = new Uint8Array(size), known = new Uint8Array(size), lit = new Uint8Array(size);
    const info = m.pageInfo.get(page);
    if (info && info.kind === 1) { bytes.set(m.memory.subarray(info.offset, info.offset + size)); known.fill(1); }
    else if (info && info.kind === 0) known.fill(1);
    const w = m.pageWrites.get(page);
    if (w) {
      const end = lowerBound(w.steps, p);
      for (let i = 0; i < end; i++) {
        const k = w.writes[i], from = m.wAddr[k] - base, src = m.wSrc[k], last = m.wStep[k] === p - 1;
        for (let j = 0; j < m.wLen[k]; j++) {
          const v = src >= 0 ? firstByte(m, src + j) : m.literals[-1 - src + j];
          bytes[from + j] = v < 0 ? 0 : v;
          known[from + j] = v < 0 ? 0 : 1;
          if (last) lit[from + j] = 1;
        }
      }
    }
    return { bytes, known, lit };
  }

  return { build, registersAt, changedBy, entryBefore, lineCount, bytesWritten, pageAt, lowerBound, CHECKPOINT };
})();
