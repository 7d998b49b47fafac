// The world map: vendored Natural Earth boundaries (vendor/world-110m.paths.json, one SVG
// path per country keyed by ISO alpha-3), coloured by bloc membership on the chosen day
// (GET /api/registry?at=) or, for a selected actor, by its relations in the facts shown.
// Clicking a country selects it. Tooltips are <title> elements filled through textContent.
"use strict";
(function (bw) {
  const { $, el } = bw;
  const SVG = "http://www.w3.org/2000/svg";
  const STATUS_COLOURS = { member: "#1565c0", frozen: "#90caf9", associate: "#42a5f5",
    participant: "#42a5f5", observer: "#ffb300", partner: "#ffe082", candidate: "#ce93d8",
    invited: "#ce93d8", former: "#bdbdbd" };
  // a country's relation to the selected actor, strongest kind first
  const ROLES = [
    ["supplier", "#1565c0", (e, me) => e.target === me && e.relation === "SUPPLY"],
    ["supporter", "#26a69a", (e, me) => e.target === me && e.family === "support"],
    ["adversary", "#c62828", (e) => e.family === "conflict"],
    ["partner", "#2e7d32", (e) => e.family === "cooperation" || e.family === "support"],
    ["refuses", "#ef9a9a", (e, me) => e.target === me && e.family === "support"],
  ];
  const NONE = "#eceff1", SELECTED = "#ff6f00";
  let world = null, paths = {}, registry = {}, drawn = false, latest = 0;

  async function load() {
    if (!world) world = await bw.getJSON("/static/vendor/world-110m.paths.json");
    return world;
  }

  async function registryAt(day) {
    if (!registry[day]) registry[day] = await bw.getJSON("/api/registry?" + new URLSearchParams({ at: day }));
    return registry[day];
  }

  function draw() {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + world.width + " " + world.height);
    svg.setAttribute("id", "world");
    svg.setAttribute("role", "img");
    svg.setAttribute("xmlns", SVG);
    const group = document.createElementNS(SVG, "g");
    for (const c of world.countries) {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", c.d);
      path.setAttribute("fill", NONE);
      path.setAttribute("stroke", "#fff");
      path.setAttribute("stroke-width", "0.5");
      const title = document.createElementNS(SVG, "title");
      title.textContent = c.name;
      path.appendChild(title);
      if (c.code) {
        path.dataset.code = c.code;
        path.classList.add("country");
        paths[c.code] = path;
        path.addEventListener("click", () => bw.select(c.code, { focus: true }));
      }
      group.appendChild(path);
    }
    svg.appendChild(group);
    $("map").replaceChildren(svg);
    drawn = true;
  }

  function nameOf(code) {
    const c = world.countries.find((x) => x.code === code);
    return c ? c.name : bw.nameOf(code);
  }

  function paint(code, colour, tip) {
    const path = paths[code];
    if (!path) return;
    path.setAttribute("fill", colour);
    path.firstChild.textContent = tip;
  }

  function legend(items) {
    const box = $("map-legend");
    box.replaceChildren();
    for (const [label, colour] of items) {
      const item = el("span", null, "key");
      const swatch = el("i");
      swatch.style.background = colour;
      item.append(swatch, document.createTextNode(label));
      box.appendChild(item);
    }
  }

  function reset() {
    for (const c of world.countries) if (c.code) paint(c.code, NONE, c.name);
  }

  async function byBloc(bloc, day, ticket) {
    const found = (await registryAt(day)).blocs[bloc];
    if (ticket !== latest) return null;          // a newer colouring was asked for meanwhile
    reset();
    if (!found) return { mode: "bloc", bloc, day, statuses: {} };
    const statuses = {};
    for (const [code, s] of Object.entries(found.statuses)) {
      statuses[code] = s.status;
      paint(code, STATUS_COLOURS[s.status] || "#bdbdbd", nameOf(code) + " (" + code + ") · " + bloc
        + ": " + s.status + (s.since ? " since " + s.since : "") + (s.source ? " · source: " + s.source : ""));
    }
    if (paths[bloc]) paint(bloc, SELECTED, bloc);
    $("map-caption").textContent = found.name + " (" + bloc + ") on " + day
      + (found.existed ? "" : " (not in existence then)");
    legend(Object.entries(STATUS_COLOURS).filter(([s]) => Object.values(statuses).includes(s)));
    return { mode: "bloc", bloc, day, statuses };
  }

  function byRelations(me, day) {
    reset();
    const roles = {}, why = {};
    for (const e of bw.visibleEdges()) {
      if (e.source !== me && e.target !== me) continue;
      const other = e.source === me ? e.target : e.source;
      const neg = e.polarity === "neg";
      for (const [role, , test] of ROLES) {
        if ((role === "refuses") !== neg) continue;
        if (!test(e, me)) continue;
        const rank = ROLES.findIndex((r) => r[0] === role);
        if (roles[other] === undefined || rank < ROLES.findIndex((r) => r[0] === roles[other]))
          roles[other] = role;
        (why[other] = why[other] || []).push(e.source + (neg ? " NOT " : " ") + e.relation + " " + e.target);
        break;
      }
    }
    for (const [code, role] of Object.entries(roles)) {
      const colour = ROLES.find((r) => r[0] === role)[1];
      paint(code, colour, nameOf(code) + " (" + code + ") · " + role + " of " + me + ": "
        + why[code].join("; "));
    }
    paint(me, SELECTED, nameOf(me) + " (" + me + ") · selected");
    $("map-caption").textContent = "Relations of " + bw.labelOf(me) + " in the facts shown, up to " + day;
    legend([["selected", SELECTED], ...ROLES.map((r) => [r[0], r[1]])]);
    return { mode: "relations", actor: me, day, roles };
  }

  // Colour the map for the page's state: the selected actor's relations when one is
  // selected and the mode says so, else the chosen bloc's membership on the day.
  async function update() {
    if ($("map").hidden) return null;
    const started = performance.now(), ticket = ++latest;
    await load();
    if (ticket !== latest) return null;
    if (!drawn) draw();
    const day = bw.state.until;
    const me = bw.state.selected;
    const mode = $("map-mode").value;
    let result;
    if (mode === "relations" && me) result = byRelations(me, day);
    else result = await byBloc($("bloc").value || "CSTO", day, ticket);
    if (!result) return null;
    bw.timings.map = bw.timings.map || performance.now() - started;
    $("map").dataset.colouredFor = JSON.stringify([result.mode, result.bloc || result.actor, day]);
    bw.mapState = result;
    return result;
  }

  bw.updateMap = update;
  bw.mapSVG = () => new XMLSerializer().serializeToString($("world"));
})(window.bw);
