// The page: draws /api/graph with cytoscape, filters it by family, time and bloc, and
// shows the evidence behind whatever is clicked. Article text is untrusted: everything
// from the API goes into the page through textContent (never innerHTML), and links only
// through the href property after a scheme check.
"use strict";
(function () {
  const COLOURS = { cooperation: "#2e7d32", support: "#1565c0", conflict: "#c62828",
                    membership: "#6d4c41" };
  const MEMBER_STATUSES = ["member", "frozen", "associate", "participant"];
  const $ = (id) => document.getElementById(id);
  let cy = null, graph = null;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function safeLink(url, text) {
    // only http(s) links; anything else (javascript:, data:) is shown as text
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      const a = el("a", text || url);
      a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank";
      return a;
    }
    return el("span", text || "");
  }

  async function getJSON(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  function setStatus(text) { $("status").textContent = text; }

  function years() {
    const found = [];
    for (const e of graph.edges) {
      if (e.start) found.push(+e.start.slice(0, 4));
      if (e.end) found.push(+e.end.slice(0, 4));
    }
    const now = new Date().getFullYear();
    return found.length ? [Math.min(...found), Math.max(...found)] : [now, now];
  }

  function setupTime() {
    const [lo, hi] = years();
    for (const id of ["since", "until"]) {
      const input = $(id);
      input.min = lo; input.max = hi; input.step = 1;
      input.value = id === "since" ? lo : hi;
      input.addEventListener("input", applyFilters);
    }
    $("undated").addEventListener("change", applyFilters);
  }

  function setupBlocs() {
    const blocs = new Set();
    for (const n of graph.nodes) for (const m of n.memberships) blocs.add(m.bloc);
    for (const code of [...blocs].sort()) $("bloc").appendChild(el("option", code)).value = code;
    $("bloc").addEventListener("change", applyFilters);
  }

  function inBloc(node, bloc, day) {
    return node.memberships.some((m) => m.bloc === bloc && MEMBER_STATUSES.includes(m.status)
      && (!m.start || String(m.start) <= day) && (!m.end || day < String(m.end)));
  }

  function applyFilters() {
    const since = $("since").value + "-01-01", until = $("until").value + "-12-31";
    if (+$("since").value > +$("until").value) $("until").value = $("since").value;
    $("since-label").textContent = $("since").value;
    $("until-label").textContent = $("until").value;
    const families = new Set([...document.querySelectorAll("#families input:checked")]
      .map((i) => i.value));
    const undated = $("undated").checked;
    const bloc = $("bloc").value;
    cy.batch(() => {
      const seen = new Set();
      cy.edges().forEach((edge) => {
        const d = edge.data();
        const timely = d.start ? (d.start <= until && d.end >= since) : undated;
        const shown = timely && families.has(d.family);
        edge.style("display", shown ? "element" : "none");
        if (shown) { seen.add(d.source); seen.add(d.target); }
      });
      cy.nodes().forEach((node) => {
        node.style("display", seen.has(node.id()) ? "element" : "none");
        const member = bloc && inBloc(node.data("raw"), bloc, until);
        node.toggleClass("highlight", Boolean(member));
        node.toggleClass("dim", Boolean(bloc) && !member && node.id() !== bloc);
      });
    });
    const visible = cy.edges().filter((e) => e.style("display") !== "none").length;
    const cut = graph.total_edges > graph.edges.length
      ? ` (loaded the ${graph.edges.length} most confident of ${graph.total_edges})` : "";
    setStatus(visible + " of " + cy.edges().length + " facts shown" + cut);
  }

  function panel(title, meta) {
    $("panel-title").textContent = title;
    const box = $("panel-meta");
    box.replaceChildren();
    for (const line of meta || []) box.appendChild(line instanceof Node ? line : el("p", line));
    $("evidence").replaceChildren();
  }

  function evidenceItem(e) {
    const li = el("li");
    li.appendChild(el("span", e.evidence || "", "sentence"));
    const where = [e.outlet, e.date, e.doc].filter(Boolean).join(" · ");
    const extra = [e.modality !== "asserted" ? e.modality : "", e.source ? "source: " + e.source : "",
                   e.time ? "time: " + e.time : "", (e.goods || []).join(", ")].filter(Boolean);
    const cite = el("span", where + (extra.length ? " (" + extra.join("; ") + ")" : ""), "cite");
    if (e.url) { cite.appendChild(document.createTextNode(" ")); cite.appendChild(safeLink(e.url, "article")); }
    li.appendChild(cite);
    return li;
  }

  function pairButton(a, b) {
    const button = el("button", "timeline " + a + " – " + b, "link");
    button.type = "button";
    button.addEventListener("click", () => showTimeline(a, b));
    return button;
  }

  async function showEdge(id) {
    const [subject, relation, object, polarity] = id.split("|");
    const q = new URLSearchParams({ subject, relation, object, polarity });
    const fact = await getJSON("/api/evidence?" + q);
    const neg = fact.polarity === "neg" ? " NOT" : "";
    panel(fact.subject + neg + " " + fact.relation + " " + fact.object, [
      (fact.first_time || "undated") + " … " + (fact.last_time || "undated") + " · "
        + fact.n_documents + " document(s), " + fact.n_outlets + " outlet(s), confidence "
        + fact.confidence.toFixed(2),
      pairButton(fact.subject, fact.object)]);
    for (const e of fact.evidence) $("evidence").appendChild(evidenceItem(e));
    document.body.dataset.evidence = id;
    return fact;
  }

  async function showActor(code) {
    const actor = await getJSON("/api/actors/" + encodeURIComponent(code));
    const blocs = actor.memberships.map((m) => m.bloc + " " + m.status
      + " " + (m.start || "?") + "–" + (m.end || "")).join("; ");
    panel(actor.code + ": " + actor.name, [actor.kind + (actor.wikidata ? " · " + actor.wikidata : ""),
      blocs ? "registry: " + blocs : "registry: no bloc", actor.facts.length + " fact(s)"]);
    for (const f of actor.facts.slice(0, 40)) {
      const li = el("li");
      const neg = f.polarity === "neg" ? " NOT" : "";
      li.appendChild(el("strong", f.subject + neg + " " + f.relation + " " + f.object
        + " (" + (f.first_time || "undated") + ")"));
      const first = f.evidence[0];
      if (first) li.appendChild(evidenceItem(first));
      li.appendChild(pairButton(f.subject, f.object));
      $("evidence").appendChild(li);
    }
    document.body.dataset.evidence = code;
    return actor;
  }

  async function showTimeline(a, b) {
    a = String(a).trim().toUpperCase(); b = String(b).trim().toUpperCase();
    const q = new URLSearchParams({ a, b });
    const result = await getJSON("/api/explain?" + q);
    const shown = result.total > result.timeline.length
      ? `the first ${result.timeline.length} of ${result.total} claims` : result.total + " claim(s)";
    panel("Timeline " + result.a + " – " + result.b, [shown]);
    for (const t of result.timeline) {
      const li = el("li");
      const neg = t.polarity === "neg" ? " NOT" : "";
      li.appendChild(el("strong", (t.time || "undated") + (t.time && !t.dated ? "*" : "") + " "
        + t.subject + neg + " " + t.relation + " " + t.object));
      li.appendChild(evidenceItem(t.citation));
      $("evidence").appendChild(li);
    }
    document.body.dataset.evidence = "timeline:" + a + "-" + b;
    return result;
  }

  function draw() {
    const elements = [];
    for (const n of graph.nodes)
      elements.push({ group: "nodes", data: { id: n.id, label: n.label, kind: n.kind,
                      degree: n.degree, raw: n } });
    for (const e of graph.edges)
      elements.push({ group: "edges", data: { ...e, colour: COLOURS[e.family] || "#999" } });
    cy = cytoscape({
      container: $("graph"), elements, wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10,
          "background-color": "#90a4ae", width: "mapData(degree, 1, 30, 14, 44)",
          height: "mapData(degree, 1, 30, 14, 44)" } },
        { selector: "node[kind = 'bloc']", style: { shape: "round-rectangle",
          "background-color": "#ffb300" } },
        { selector: "node.highlight", style: { "border-width": 4, "border-color": "#ff6f00" } },
        { selector: "node.dim", style: { opacity: 0.35 } },
        { selector: "edge", style: { width: "mapData(confidence, 0, 1, 1, 5)",
          "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "curve-style": "bezier", opacity: 0.8 } },
        { selector: "edge[?directed]", style: { "target-arrow-shape": "triangle" } },
        { selector: "edge[polarity = 'neg']", style: { "line-style": "dashed" } },
        { selector: ":selected", style: { "overlay-opacity": 0.2, "overlay-color": "#000" } },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 },
    });
    cy.on("tap", "edge", (evt) => showEdge(evt.target.id()).catch(report));
    cy.on("tap", "node", (evt) => showActor(evt.target.id()).catch(report));
  }

  function report(error) { setStatus("error: " + error.message); }

  async function start() {
    graph = await getJSON("/api/graph");
    draw();
    setupTime();
    setupBlocs();
    for (const box of document.querySelectorAll("#families input"))
      box.addEventListener("change", applyFilters);
    $("pair-go").addEventListener("click",
      () => showTimeline($("pair-a").value, $("pair-b").value).catch(report));
    applyFilters();
    window.blocwatch.cy = cy;
    document.body.dataset.ready = String(graph.edges.length);
  }

  // the handlers, for the browser test and for anyone scripting the page
  window.blocwatch = { showEdge, showActor, showTimeline };
  start().catch(report);
})();
