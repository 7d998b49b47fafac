// The page: draws /api/graph with cytoscape; finds and focuses an actor; filters by
// family, strength (confidence, documents, outlets) and time (months, play); highlights a
// bloc; shows the evidence behind whatever is selected, the article behind each sentence
// (article.js), the scenario (scenario.js) and the map (map.js); exports what is shown.
"use strict";
(function (bw) {
  const { $, el } = bw;
  const COLOURS = { cooperation: "#2e7d32", support: "#1565c0", conflict: "#c62828",
                    membership: "#6d4c41" };
  const MEMBER_STATUSES = ["member", "frozen", "associate", "participant"];
  const BIG = 400;            // edges above which the first layout is concentric, not cose
  const SHOW_AT_MOST = 300;   // facts the first view shows at most (see defaultStrength)
  let cy = null, graph = null, months = [0, 0], undatedTouched = false, player = null;
  let focus = null;           // {code, depth} while the view is focused on an actor
  let scenarioTimer = null;
  bw.state = { selected: null, since: null, until: null };
  bw.timings = {};

  function setStatus(text) { $("status").textContent = text; }
  bw.report = function (error) { setStatus("error: " + error.message); };

  // ---- time -------------------------------------------------------------------------
  function monthRange() {
    let lo = Infinity, hi = -Infinity;
    for (const e of graph.edges) {
      if (e.start) lo = Math.min(lo, bw.monthOf(e.start));
      if (e.end) hi = Math.max(hi, bw.monthOf(e.end));
    }
    // up to this month: the registry (the map, the scenario) knows today's state
    const now = new Date(), thisMonth = now.getFullYear() * 12 + now.getMonth();
    if (lo === Infinity) lo = thisMonth;
    return [lo, Math.max(hi, thisMonth)];
  }

  function setupTime() {
    months = monthRange();
    for (const id of ["since", "until"]) {
      const input = $(id);
      input.min = months[0]; input.max = months[1]; input.step = 1;
      input.value = id === "since" ? months[0] : months[1];
      input.addEventListener("input", () => { stopPlay(); timeChanged(id); });
    }
    $("undated").addEventListener("change", () => { undatedTouched = true; applyFilters(); });
    $("play").addEventListener("click", () => (player ? stopPlay() : play()));
  }

  function timeChanged(moved) {
    if (+$("since").value > +$("until").value) {
      if (moved === "since") $("until").value = $("since").value;
      else $("since").value = $("until").value;
    }
    // a window chosen: undated facts cannot be placed in it, so they go (unless the
    // analyst said otherwise); the full range shows them again
    const window_ = +$("since").value > months[0] || +$("until").value < months[1];
    if (!undatedTouched) $("undated").checked = !window_;
    applyFilters();
    // the scenario of the selected actor follows the end of the window
    clearTimeout(scenarioTimer);
    if (bw.state.selected) scenarioTimer = setTimeout(() => bw.showScenario(bw.state.selected, bw.state.until), 400);
  }

  function play() {
    // steps the end of the window month by month from the start to the last month
    if (+$("until").value >= months[1]) $("until").value = $("since").value;
    $("play").textContent = "❚❚ pause";
    timeChanged("until");
    player = setInterval(() => {
      if (+$("until").value >= months[1]) { stopPlay(); return; }
      $("until").value = +$("until").value + 1;
      timeChanged("until");
    }, 600);
  }

  function stopPlay() {
    if (player) clearInterval(player);
    player = null;
    $("play").textContent = "▶ play";
  }

  // ---- filters ----------------------------------------------------------------------
  function inBloc(node, bloc, day) {
    return node.memberships.some((m) => m.bloc === bloc && MEMBER_STATUSES.includes(m.status)
      && (!m.start || String(m.start) <= day) && (!m.end || day < String(m.end)));
  }

  function criteria() {
    return {
      since: bw.firstDay(+$("since").value), until: bw.lastDay(+$("until").value),
      families: new Set([...document.querySelectorAll("#families input:checked")].map((i) => i.value)),
      undated: $("undated").checked, minConfidence: +$("min-confidence").value,
      minDocuments: +$("min-documents").value || 1, minOutlets: +$("min-outlets").value || 1,
    };
  }

  // why an edge is not shown ("" when it is)
  function hiddenBy(d, c) {
    if (!c.families.has(d.family)) return "family";
    if (!d.start) { if (!c.undated) return "undated"; }
    else if (!(d.start <= c.until && d.end >= c.since)) return "time";
    if (d.confidence < c.minConfidence || d.n_documents < c.minDocuments
        || d.n_outlets < c.minOutlets) return "weak";
    return "";
  }

  // The edges that pass the filters (and the focus), computed on the data; cytoscape holds
  // only these, so a store with thousands of facts draws only what is shown.
  let shown = new Map();

  function edgeElement(e) {
    return { group: "edges", data: { ...e, colour: COLOURS[e.family] || "#999" } };
  }

  function applyFilters() {
    const c = criteria();
    const today = new Date().toISOString().slice(0, 10);
    bw.state.since = c.since; bw.state.until = c.until < today ? c.until : today;
    $("since-label").textContent = bw.monthLabel(+$("since").value);
    $("until-label").textContent = bw.monthLabel(+$("until").value);
    $("min-confidence-label").textContent = c.minConfidence.toFixed(2);
    const counts = { weak: 0, undated: 0, time: 0, family: 0 };
    shown = new Map();
    for (const e of graph.edges) {
      const why = hiddenBy(e, c);
      if (why) counts[why] += 1;
      else shown.set(e.id, e);
    }
    if (focus) shown = reach(focus.code, focus.depth, shown).edges;
    const bloc = $("bloc").value;
    cy.batch(() => {
      cy.remove(cy.edges().filter((edge) => !shown.has(edge.id())));
      const missing = [];
      for (const [id, e] of shown) if (cy.getElementById(id).empty()) missing.push(edgeElement(e));
      if (missing.length) cy.add(missing);
      const seen = new Set();
      for (const e of shown.values()) { seen.add(e.source); seen.add(e.target); }
      if (focus) seen.add(focus.code);
      cy.nodes().forEach((node) => {
        node.style("display", seen.has(node.id()) ? "element" : "none");
        const member = bloc && inBloc(node.data("raw"), bloc, c.until);
        node.toggleClass("highlight", Boolean(member));
        node.toggleClass("dim", Boolean(bloc) && !member && node.id() !== bloc);
      });
    });
    const undatedAll = graph.edges.filter((e) => !e.start).length;
    $("undated-count").textContent = c.undated ? "(" + undatedAll + ")" : "(" + counts.undated + " hidden)";
    const parts = [shown.size + " of " + graph.edges.length + " facts shown"];
    if (counts.weak) parts.push(counts.weak + " weak hidden (confidence < " + c.minConfidence.toFixed(2)
      + (c.minDocuments > 1 ? " or documents < " + c.minDocuments : "")
      + (c.minOutlets > 1 ? " or outlets < " + c.minOutlets : "") + ")");
    if (counts.undated) parts.push(counts.undated + " undated hidden");
    if (counts.time) parts.push(counts.time + " outside the window");
    if (focus) parts.push("focused on " + focus.code + " (" + focus.depth + " step" + (focus.depth > 1 ? "s" : "") + ")");
    if (graph.total_edges > graph.edges.length)
      parts.push("loaded the " + graph.edges.length + " most confident of " + graph.total_edges);
    setStatus(parts.join("; "));
    document.body.dataset.hiddenWeak = String(counts.weak);
    document.body.dataset.visible = String(shown.size);
    markSelection();
    bw.updateMap().catch(bw.report);
  }

  bw.visibleEdges = () => [...shown.values()];

  // A first view that can be read: when more than SHOW_AT_MOST facts pass the default
  // confidence, the minimum number of documents rises until they do not.
  function defaultStrength() {
    const c = criteria();
    const passing = graph.edges.filter((e) => !hiddenBy(e, c)).map((e) => e.n_documents)
      .sort((a, b) => b - a);
    if (passing.length > SHOW_AT_MOST) $("min-documents").value = passing[SHOW_AT_MOST] + 1;
  }

  // ---- find and focus ---------------------------------------------------------------
  // The actor's neighbourhood in `edges` (a Map id -> edge): nodes up to `depth` steps
  // away (with their distance) and the edges that reach out from a nearer node.
  function reach(code, depth, edges) {
    const around = new Map();
    for (const e of edges.values()) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        if (!around.has(a)) around.set(a, []);
        around.get(a).push([b, e]);
      }
    }
    const dist = { [code]: 0 }, kept = new Map();
    let frontier = [code];
    for (let d = 0; d < depth; d += 1) {
      const next = [];
      for (const n of frontier) {
        for (const [m, e] of around.get(n) || []) {
          kept.set(e.id, e);
          if (dist[m] === undefined) { dist[m] = d + 1; next.push(m); }
        }
      }
      frontier = next;
    }
    return { dist, edges: kept };
  }

  function focusOn(code, depth) {
    depth = depth || +$("depth").value;
    const node = cy.getElementById(code);
    if (node.empty()) { setStatus(bw.labelOf(code) + ": no facts in the store"); return false; }
    focus = { code, depth };
    applyFilters();
    const { dist } = reach(code, depth, shown);
    radial(cy.nodes().filter((n) => dist[n.id()] !== undefined), dist);
    $("unfocus").hidden = false;
    document.body.dataset.focused = code;
    return true;
  }

  // The focused actor in the middle of the canvas, each further step on a wider ellipse
  // reaching the canvas' edges; a node sits near the one that brought it in.
  function radial(keep, dist) {
    const w = cy.width(), h = cy.height(), margin = 50, levels = [], angle = {}, at = {};
    keep.nodes().forEach((n) => { const d = dist[n.id()] || 0; (levels[d] = levels[d] || []).push(n); });
    const rings = Math.max(1, levels.length - 1);
    levels.forEach((nodes, d) => {
      const parent = (n) => {
        const found = n.neighborhood("node").filter((m) => dist[m.id()] === d - 1);
        return found.length ? angle[found[0].id()] : 0;
      };
      nodes.sort((a, b) => (parent(a) - parent(b)) || (b.data("degree") - a.data("degree"))
                           || (a.id() < b.id() ? -1 : 1));
      nodes.forEach((n, i) => {
        const a = d === 0 ? 0 : 2 * Math.PI * (i + 0.5) / nodes.length - Math.PI / 2 + (d - 1) * 0.3;
        angle[n.id()] = a;
        const r = d / rings;
        at[n.id()] = { x: w / 2 + (w / 2 - margin) * r * Math.cos(a),
                       y: h / 2 + (h / 2 - margin) * r * Math.sin(a) };
      });
    });
    keep.nodes().layout({ name: "preset", positions: (n) => at[n.id()], fit: false, animate: false }).run();
    cy.viewport({ zoom: 1, pan: { x: 0, y: 0 } });
  }

  // fit, but a handful of nodes is not blown up to fill the screen
  function fitTo(eles) {
    cy.fit(eles, 50);
    if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(eles); }
  }

  function unfocus() {
    focus = null;
    delete document.body.dataset.focused;
    $("unfocus").hidden = true;
    cy.nodes().forEach((n) => { if (n.scratch("home")) n.position(n.scratch("home")); });
    applyFilters();
    fitTo(cy.nodes(":visible"));
  }

  async function search(q) {
    const box = $("search-results");
    box.replaceChildren();
    if (!q.trim()) { box.hidden = true; return []; }
    const found = await bw.getJSON("/api/actors?" + new URLSearchParams({ q }));
    for (const a of found.slice(0, 12)) {
      const li = el("li");
      const label = a.code + " · " + a.name + (a.matched && a.matched !== a.name ? " (" + a.matched + ")" : "")
        + (a.n_claims ? "" : " · not in the store");
      li.appendChild(bw.button(label, () => { box.hidden = true; $("search").value = a.name; choose(a.code).catch(bw.report); }));
      box.appendChild(li);
    }
    if (!found.length) box.appendChild(el("li", "no actor is called like that", "muted"));
    box.hidden = false;
    return found;
  }

  async function find(q) {
    // the best match, focused (what Enter in the search box does)
    const found = await search(q);
    $("search-results").hidden = true;
    const hit = found.find((a) => !cy.getElementById(a.code).empty()) || found[0];
    if (!hit) { setStatus("no actor is called " + q); return null; }
    await choose(hit.code);
    return hit.code;
  }

  async function choose(code) {
    if (focusOn(code)) await select(code);
    else await select(code, { panelOnly: true });
  }

  // ---- selection --------------------------------------------------------------------
  function markSelection() {
    const sel = bw.state.selected, edgeSel = bw.state.edge;
    cy.batch(() => {
      cy.elements().removeClass("faded chosen near");
      if (!sel && !edgeSel) return;
      let chosen;
      if (edgeSel) {
        const edge = cy.getElementById(edgeSel);
        chosen = edge.union(edge.connectedNodes());
      } else {
        const node = cy.getElementById(sel);
        const edges = node.connectedEdges();
        chosen = node.union(edges).union(edges.connectedNodes());
        chosen.addClass("near");
      }
      if (chosen.empty()) return;
      cy.elements().difference(chosen).addClass("faded");
      chosen.addClass("chosen");
    });
  }

  async function select(code, options) {
    options = options || {};
    bw.state.selected = code; bw.state.edge = null;
    if (options.focus && !cy.getElementById(code).empty()) focusOn(code);
    markSelection();
    if ($("map-mode").dataset.auto !== "off") $("map-mode").value = "relations";
    bw.updateMap().catch(bw.report);
    const shown = showActor(code);
    bw.showScenario(code, bw.state.until || new Date().toISOString().slice(0, 10));
    return shown;
  }

  // ---- the panel ----------------------------------------------------------------------
  function panel(title, meta) {
    $("panel-title").textContent = title;
    const box = $("panel-meta");
    box.replaceChildren();
    for (const line of meta || []) box.appendChild(line instanceof Node ? line : el("p", line));
    $("evidence").replaceChildren();
    bw.shownEvidence = [];
  }

  // one citation: the sentence (opens its article), where it was read and what it says
  function citation(e) {
    bw.shownEvidence.push(e);
    const box = el("div", null, "citation");
    box.appendChild(bw.sentenceLink(e));
    const where = [e.outlet, e.date, e.doc].filter(Boolean).join(" · ");
    const extra = [e.modality && e.modality !== "asserted" ? e.modality : "",
                   e.source ? "source: " + e.source : "", e.time ? "time: " + e.time : "",
                   (e.goods || []).join(", ")].filter(Boolean);
    const cite = el("span", where + (extra.length ? " (" + extra.join("; ") + ")" : ""), "cite");
    if (e.url) { cite.appendChild(document.createTextNode(" ")); cite.appendChild(bw.safeLink(e.url, "link")); }
    box.appendChild(cite);
    return box;
  }

  function item(...children) {
    const li = el("li");
    for (const c of children) if (c) li.appendChild(c);
    $("evidence").appendChild(li);
    return li;
  }

  function pairButton(a, b) {
    return bw.button("timeline " + a + " – " + b, () => showTimeline(a, b).catch(bw.report));
  }

  async function showEdge(id) {
    const [subject, relation, object, polarity] = id.split("|");
    bw.state.edge = id; bw.state.selected = null;
    markSelection();
    const q = new URLSearchParams({ subject, relation, object, polarity });
    const fact = await bw.getJSON("/api/evidence?" + q);
    const neg = fact.polarity === "neg" ? " NOT" : "";
    panel(fact.subject + neg + " " + fact.relation + " " + fact.object, [
      bw.labelOf(fact.subject) + " → " + bw.labelOf(fact.object),
      (fact.first_time || "undated") + " … " + (fact.last_time || "undated") + " · "
        + fact.n_documents + " document(s), " + fact.n_outlets + " outlet(s), confidence "
        + fact.confidence.toFixed(2),
      pairButton(fact.subject, fact.object)]);
    for (const e of fact.evidence) item(citation(e));
    document.body.dataset.evidence = id;
    return fact;
  }

  async function showActor(code) {
    const actor = await bw.getJSON("/api/actors/" + encodeURIComponent(code));
    const blocs = actor.memberships.map((m) => m.bloc + " " + m.status
      + " " + (m.start || "?") + "–" + (m.end || "")).join("; ");
    panel(actor.code + ": " + actor.name, [actor.kind + (actor.wikidata ? " · " + actor.wikidata : ""),
      blocs ? "registry: " + blocs : "registry: no bloc", actor.facts.length + " fact(s)"]);
    for (const f of actor.facts.slice(0, 40)) {
      const neg = f.polarity === "neg" ? " NOT" : "";
      item(el("strong", f.subject + neg + " " + f.relation + " " + f.object
        + " (" + (f.first_time || "undated") + ")"), f.evidence[0] ? citation(f.evidence[0]) : null,
        pairButton(f.subject, f.object));
    }
    document.body.dataset.evidence = code;
    return actor;
  }

  async function showTimeline(a, b) {
    a = String(a).trim().toUpperCase(); b = String(b).trim().toUpperCase();
    const result = await bw.getJSON("/api/explain?" + new URLSearchParams({ a, b }));
    const shown = result.total > result.timeline.length
      ? `the first ${result.timeline.length} of ${result.total} claims` : result.total + " claim(s)";
    panel("Timeline " + result.a + " – " + result.b, [shown]);
    for (const t of result.timeline) {
      const neg = t.polarity === "neg" ? " NOT" : "";
      item(el("strong", (t.time || "undated") + (t.time && !t.dated ? "*" : "") + " "
        + t.subject + neg + " " + t.relation + " " + t.object), citation(t.citation));
    }
    document.body.dataset.evidence = "timeline:" + a + "-" + b;
    return result;
  }

  // ---- the graph ----------------------------------------------------------------------
  function tooltip(evt, text) {
    const tip = $("tip");
    if (!text) { tip.hidden = true; return; }
    tip.textContent = text;
    tip.style.left = (evt.renderedPosition.x + 14) + "px";
    tip.style.top = (evt.renderedPosition.y + 10) + "px";
    tip.hidden = false;
  }

  function edgeText(d) {
    return bw.labelOf(d.source) + (d.polarity === "neg" ? " NOT " : " ") + d.relation + " "
      + bw.labelOf(d.target) + " · " + d.n_documents + " doc., " + d.n_outlets
      + " outlet(s), confidence " + d.confidence.toFixed(2) + " · " + (d.first_time || "undated")
      + (d.last_time && d.last_time !== d.first_time ? " … " + d.last_time : "");
  }

  function draw() {
    const elements = [];
    // a circle to start from (the layout refines it), the same on every load
    const radius = 40 * Math.sqrt(graph.nodes.length) + 80;
    graph.nodes.forEach((n, i) => {
      const angle = 2 * Math.PI * i / graph.nodes.length;
      elements.push({ group: "nodes", data: { id: n.id, label: n.label, kind: n.kind,
                      degree: n.degree, raw: n },
                      position: { x: radius * Math.cos(angle), y: radius * Math.sin(angle) } });
    });
    const c = criteria();
    const first = graph.edges.filter((e) => !hiddenBy(e, c));
    for (const e of first) elements.push(edgeElement(e));
    const big = first.length > BIG;
    cy = cytoscape({
      container: $("graph"), elements, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 6,
      hideEdgesOnViewport: big, textureOnViewport: big,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10,
          "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 2,
          "text-background-color": "#fff", "text-background-opacity": 0.7,
          "text-background-padding": 1, "background-color": "#78909c",
          width: "mapData(degree, 1, 30, 14, 40)", height: "mapData(degree, 1, 30, 14, 40)" } },
        { selector: "node[kind = 'bloc']", style: { shape: "round-rectangle", "background-color": "#ffb300" } },
        { selector: "node[kind != 'bloc'][kind != 'state']", style: { shape: "diamond", "background-color": "#ab47bc" } },
        { selector: "node.highlight", style: { "border-width": 4, "border-color": "#ff6f00" } },
        { selector: "node.dim", style: { opacity: 0.35 } },
        { selector: "edge", style: { width: "mapData(confidence, 0, 1, 0.8, 6)",
          "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "curve-style": "bezier", opacity: 0.75, "arrow-scale": 0.9 } },
        { selector: "edge[?directed]", style: { "target-arrow-shape": "triangle" } },
        { selector: "edge[polarity = 'neg']", style: { "line-style": "dashed" } },
        { selector: "node.faded", style: { opacity: 0.3 } },
        { selector: "edge.faded", style: { opacity: 0.12 } },
        { selector: "node.chosen", style: { "border-width": 3, "border-color": "#111", "font-weight": "bold",
          "font-size": 12, "z-index": 10 } },
        { selector: "edge.chosen", style: { opacity: 1, "z-index": 10 } },
        { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#000" } },
      ],
      layout: { name: "preset" },
    });
    // laid out: the actors the first view shows (the others keep their place on the circle)
    const laidFrom = performance.now();
    const laid = cy.nodes().filter((n) => n.degree() > 0);
    laid.union(laid.connectedEdges()).layout(big
      ? { name: "concentric", concentric: (n) => n.degree(), levelWidth: () => 4, animate: false,
          minNodeSpacing: 12, fit: false }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 400000, fit: false,
          idealEdgeLength: () => 90, nodeOverlap: 40, gravity: 0.4, numIter: 1000 }).run();
    bw.timings.layout = performance.now() - laidFrom;
    cy.nodes().forEach((n) => n.scratch("home", { ...n.position() }));
    cy.on("tap", "edge", (evt) => showEdge(evt.target.id()).catch(bw.report));
    cy.on("tap", "node", (evt) => select(evt.target.id()).catch(bw.report));
    cy.on("tap", (evt) => { if (evt.target === cy) { bw.state.selected = bw.state.edge = null; markSelection(); } });
    cy.on("mouseover", "node", (evt) => tooltip(evt, bw.labelOf(evt.target.id())
      + " · " + evt.target.data("kind") + " · " + evt.target.data("degree") + " fact(s)"));
    cy.on("mouseover", "edge", (evt) => tooltip(evt, edgeText(evt.target.data())));
    cy.on("mouseout", () => tooltip(null, null));
    cy.on("viewport", () => tooltip(null, null));
  }

  function setupBlocs() {
    const blocs = new Set();
    for (const n of graph.nodes) for (const m of n.memberships) blocs.add(m.bloc);
    for (const code of [...blocs].sort()) $("bloc").appendChild(el("option", code)).value = code;
    $("bloc").addEventListener("change", () => {
      if ($("bloc").value) $("map-mode").value = "bloc";
      applyFilters();
    });
  }

  function setupControls() {
    for (const box of document.querySelectorAll("#families input")) box.addEventListener("change", applyFilters);
    for (const id of ["min-confidence", "min-documents", "min-outlets"]) $(id).addEventListener("input", applyFilters);
    $("pair-go").addEventListener("click", () => showTimeline($("pair-a").value, $("pair-b").value).catch(bw.report));
    $("zoom-in").addEventListener("click", () => cy.zoom({ level: cy.zoom() * 1.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }));
    $("zoom-out").addEventListener("click", () => cy.zoom({ level: cy.zoom() / 1.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }));
    $("fit").addEventListener("click", () => fitTo(cy.nodes(":visible")));
    $("reset").addEventListener("click", () => { bw.state.selected = bw.state.edge = null; unfocus(); });
    $("unfocus").addEventListener("click", unfocus);
    $("depth").addEventListener("change", () => { if (focus) focusOn(focus.code, +$("depth").value); });
    let timer = null;
    $("search").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => search($("search").value).catch(bw.report), 150);
    });
    $("search").addEventListener("keydown", (evt) => {
      if (evt.key === "Enter") { evt.preventDefault(); find($("search").value).catch(bw.report); }
      if (evt.key === "Escape") $("search-results").hidden = true;
    });
    $("search").addEventListener("blur", () => setTimeout(() => { $("search-results").hidden = true; }, 200));
    $("map-mode").addEventListener("change", () => { $("map-mode").dataset.auto = "off"; bw.updateMap().catch(bw.report); });
    for (const button of document.querySelectorAll("#views button")) {
      button.addEventListener("click", () => showView(button.dataset.view));
    }
    $("export-png").addEventListener("click", () => bw.download(cy.png({ full: true, scale: 2, bg: "#fff", output: "blob" }), "blocwatch-graph.png"));
    $("export-csv").addEventListener("click", () => bw.download(new Blob([factsCSV()], { type: "text/csv" }), "blocwatch-facts.csv"));
    $("export-evidence").addEventListener("click", () => bw.download(new Blob([evidenceCSV()], { type: "text/csv" }), "blocwatch-evidence.csv"));
    $("export-map").addEventListener("click", () => bw.download(new Blob([bw.mapSVG()], { type: "image/svg+xml" }), "blocwatch-map.svg"));
  }

  async function showView(name) {
    const map = name === "map";
    $("map-view").hidden = !map;
    $("map").hidden = !map;
    $("graph").style.visibility = map ? "hidden" : "visible";
    for (const b of document.querySelectorAll("#views button")) b.setAttribute("aria-pressed", String(b.dataset.view === name));
    document.body.dataset.view = name;
    if (map) return bw.updateMap();
    cy.resize();
    return null;
  }

  // ---- exports ----------------------------------------------------------------------
  function factsCSV() {
    const rows = [["subject", "subject_name", "relation", "object", "object_name", "polarity",
                   "family", "first", "last", "documents", "outlets", "confidence"]];
    for (const d of bw.visibleEdges())
      rows.push([d.source, bw.nameOf(d.source), d.relation, d.target, bw.nameOf(d.target), d.polarity,
                 d.family, d.first_time, d.last_time, d.n_documents, d.n_outlets, d.confidence]);
    return bw.csv(rows);
  }

  function evidenceCSV() {
    const rows = [["subject", "relation", "object", "polarity", "sentence", "outlet", "date",
                   "document", "url", "source", "modality", "time"]];
    for (const e of bw.shownEvidence || [])
      rows.push([e.subject, e.relation, e.object, e.polarity, e.evidence, e.outlet, e.date, e.doc,
                 e.url, e.source, e.modality, e.time]);
    return bw.csv(rows);
  }

  async function start() {
    const t0 = performance.now();
    const [g, actors] = await Promise.all([bw.getJSON("/api/graph"), bw.getJSON("/api/actors")]);
    graph = g;
    const t1 = performance.now();
    for (const a of actors) bw.names[a.code] = a.name;
    setupTime();
    defaultStrength();
    draw();
    const t2 = performance.now();
    setupBlocs();
    setupControls();
    applyFilters();
    const t3 = performance.now();
    fitTo(cy.nodes(":visible"));
    Object.assign(bw.timings, { scripts: t0, fetch: t1 - t0, draw: t2 - t1, filters: t3 - t2 });
    bw.cy = window.blocwatch.cy = cy;
    bw.timings.graph = performance.now() - t0;
    bw.timings.sinceNavigation = performance.now();
    // drawn: when cytoscape has rendered its first frame
    cy.one("render", () => { bw.timings.painted = performance.now(); document.body.dataset.painted = "1"; });
    document.body.dataset.ready = String(graph.edges.length);
  }

  bw.select = select;
  // the handlers, for the browser test and for anyone scripting the page
  window.blocwatch = { showEdge, showActor, showTimeline, select, focusOn, unfocus, find,
    search, showView, factsCSV, evidenceCSV, applyFilters, bw };
  start().catch(bw.report);
})(window.bw);
