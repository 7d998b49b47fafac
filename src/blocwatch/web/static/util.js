// Helpers shared by the page's scripts (loaded first). Article text is untrusted: it goes
// into the page only through textContent (never innerHTML), and links only through the
// href property after a scheme check.
"use strict";
window.bw = window.bw || {};
(function (bw) {
  bw.$ = (id) => document.getElementById(id);

  bw.el = function (tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };

  bw.safeLink = function (url, text) {
    // only http(s) links; anything else (javascript:, data:) is shown as text
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      const a = bw.el("a", text || url);
      a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank";
      return a;
    }
    return bw.el("span", text || "");
  };

  bw.button = function (text, onClick, cls) {
    const b = bw.el("button", text, cls || "link");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  };

  class HttpError extends Error {
    constructor(path, status) { super(path + ": HTTP " + status); this.status = status; }
  }

  bw.getJSON = async function (path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new HttpError(path, response.status);
    return response.json();
  };

  // A CSV cell: quoted when needed, and a leading = + - @ (or tab, CR) neutralised by a
  // single quote so a spreadsheet never reads article text as a formula.
  bw.csvCell = function (value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  };

  bw.csv = (rows) => rows.map((row) => row.map(bw.csvCell).join(",")).join("\r\n") + "\r\n";

  bw.download = function (blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  };

  // Months as slider positions: index 0 is the first month of the data.
  bw.monthOf = (day) => +day.slice(0, 4) * 12 + (+day.slice(5, 7) || 1) - 1;
  bw.monthLabel = (m) => Math.floor(m / 12) + "-" + String(m % 12 + 1).padStart(2, "0");
  bw.firstDay = (m) => bw.monthLabel(m) + "-01";
  bw.lastDay = function (m) {
    const year = Math.floor(m / 12), month = m % 12 + 1;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return bw.monthLabel(m) + "-" + String(days).padStart(2, "0");
  };

  bw.names = {};               // code -> full name (from /api/actors)
  bw.nameOf = (code) => bw.names[code] || code;
  bw.labelOf = (code) => (bw.names[code] && bw.names[code] !== code
    ? code + " (" + bw.names[code] + ")" : code);
})(window.bw);
