"use strict";
/*
 * decode.js: reads what the page carries. The JSON header (id "kexec-header") describes the
 * machine, the programs, the list and the pages; each blob (id "blob-NAME") is a gzip stream
 * coded in base64 that the browser inflates itself (DecompressionStream). The step columns are
 * streams of LEB128 numbers: 7 bits per byte, low bits first, top bit set while more follow;
 * signed numbers are zigzag-coded (0, -1, 1, -2 ... are stored as 0, 1, 2, 3 ...).
 * Register values are 64-bit, so they are kept as two 32-bit halves (lo, hi).
 */
const Decode = (() => {
  function header() {
    return JSON.parse(document.getElementById("kexec-header").textContent);
  }

  function base64(text) {
    if (typeof Uint8Array.fromBase64 === "function") {
      return Uint8Array.fromBase64(text);
    }
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  async function blob(name) {
    const packed = base64(document.getElementById("blob-" + name).textContent.trim());
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  /** Reads numbers from one stream. */
  class Reader {
    constructor(bytes) { this.b = bytes; this.p = 0; }
    more() { return this.p < this.b.length; }
    /** An unsigned number (exact up to 2^53, which addresses and counts stay below). */
    uint() {
      let v = 0, scale = 1, byte;
      do {
        byte = this.b[this.p++];
        v += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80);
      return v;
    }
    /** A zigzag-coded signed number. */
    int() {
      const z = this.uint();
      return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    }
    /** A zigzag-coded signed 64-bit number, added modulo 2^64 to out[0] (lo) and out[1] (hi). */
    addInt64(out) {
      let lo = 0, hi = 0, shift = 0, byte;
      do {
        byte = this.b[this.p++];
        const bits = byte & 0x7f;
        if (shift < 28) lo |= bits << shift;
        else if (shift === 28) { lo |= (bits & 0x0f) << 28; hi |= bits >>> 4; }
        else hi |= bits << (shift - 32);
        shift += 7;
      } while (byte & 0x80);
      const sign = (lo & 1) ? 0xffffffff : 0;           // zigzag: (z >>> 1) ^ -(z & 1)
      const dLo = (((lo >>> 1) | (hi << 31)) ^ sign) >>> 0;
      const dHi = ((hi >>> 1) ^ sign) >>> 0;
      const sum = out[0] + dLo;
      out[0] = sum >>> 0;
      out[1] = (out[1] + dHi + (sum >= 4294967296 ? 1 : 0)) >>> 0;
    }
  }

  return { header, blob, Reader };
})();
