// The scenario panel: for a selected actor, who is bound to defend it and who came before
// (GET /api/scenario/{actor}?at=YYYY-MM-DD), with the evidence of each answer.
"use strict";
(function (bw) {
  const { $, el } = bw;
  const VERDICTS = {
    bound_refused_before: ["bound, refused before", "refused"],
    bound_came_before: ["bound, came before", "came"],
    bound_never_tested: ["bound, never tested", "untested"],
    not_bound_supports: ["not bound, supports it", "supports"],
    not_bound_hostile: ["not bound, hostile", "hostile"],
  };

  function party(p) {
    const li = el("li", null, "party verdict-" + (VERDICTS[p.verdict] || ["", "other"])[1]);
    const head = el("strong", bw.labelOf(p.party) + ": ");
    head.appendChild(el("span", (VERDICTS[p.verdict] || [p.verdict])[0], "verdict"));
    li.appendChild(head);
    for (const o of p.obligations || []) {
      li.appendChild(el("div", "bound by " + [o.instrument, o.clause].filter(Boolean).join(" ")
        + (o.status ? " (" + o.status + ")" : "") + (o.source ? "; source: " + o.source : ""),
        "obligation"));
    }
    for (const r of p.record || []) {
      const line = el("div", (r.time || "undated") + ": " + (r.requester || "?") + " asked; answer: "
        + (r.answer || "?") + ((r.goods || []).length ? " (" + r.goods.join(", ") + ")" : ""), "record");
      for (const e of r.evidence || []) {
        const cite = el("div", null, "cite");
        cite.appendChild(bw.sentenceLink(e));
        cite.appendChild(el("span", " " + [e.outlet, e.date].filter(Boolean).join(" · ")));
        line.appendChild(cite);
      }
      li.appendChild(line);
    }
    for (const s of p.stance || []) {
      const neg = s.polarity === "neg" ? " NOT" : "";
      li.appendChild(el("div", "stance: " + s.subject + neg + " " + s.relation + " " + s.object
        + " (" + s.documents + " doc., confidence " + Number(s.confidence).toFixed(2) + ")", "stance"));
    }
    return li;
  }

  async function showScenario(code, at) {
    const box = $("scenario");
    box.hidden = false;
    $("scenario-title").textContent = "Who is bound to defend " + code + ", and who came before";
    const body = $("scenario-body");
    body.replaceChildren(el("p", "loading…"));
    let result;
    try {
      result = await bw.getJSON("/api/scenario/" + encodeURIComponent(code) + "?"
                                + new URLSearchParams({ at }));
    } catch (error) {
      body.replaceChildren(el("p", error.status === 404 ? "Scenario analysis not available for "
        + code + "." : "Scenario analysis failed: " + error.message, "muted"));
      box.dataset.state = error.status === 404 ? "unavailable" : "error";
      return null;
    }
    const nodes = [el("p", "at " + (result.at || at), "muted")];
    const list = el("ol", null, "parties");
    for (const p of result.parties || []) list.appendChild(party(p));
    nodes.push((result.parties || []).length ? list : el("p", "No party is bound to it or "
      + "stands with it in the store.", "muted"));
    if ((result.adversaries || []).length) {
      nodes.push(el("h4", "Its adversaries and their backers"));
      const adv = el("ul");
      for (const a of result.adversaries)
        adv.appendChild(el("li", bw.labelOf(a.actor) + ((a.backers || []).length
          ? ", backed by " + a.backers.map(bw.labelOf).join(", ") : "")));
      nodes.push(adv);
    }
    body.replaceChildren(...nodes);
    box.dataset.state = "shown";
    return result;
  }

  bw.showScenario = showScenario;
})(window.bw);
