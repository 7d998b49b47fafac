// The stored article behind an evidence sentence: its text (as text only) with the
// sentence highlighted, its outlet, date and URL, and the other claims read from it.
"use strict";
(function (bw) {
  const { $, el } = bw;

  function where(text, start, end, sentence) {
    // the stored offsets, unless they do not point at the sentence (then look for it)
    if (Number.isInteger(start) && Number.isInteger(end) && end > start
        && (!sentence || text.slice(start, end) === sentence)) return [start, end];
    const found = sentence ? text.indexOf(sentence) : -1;
    return found >= 0 ? [found, found + sentence.length] : null;
  }

  function showText(text, span) {
    const box = $("article-text");
    box.replaceChildren();
    if (!span) { box.appendChild(document.createTextNode(text)); return null; }
    const mark = el("mark", text.slice(span[0], span[1]));
    box.append(document.createTextNode(text.slice(0, span[0])), mark,
               document.createTextNode(text.slice(span[1])));
    return mark;
  }

  function claimLine(c) {
    const neg = c.polarity === "neg" ? " NOT" : "";
    return c.subject + neg + " " + c.relation + " " + c.object
      + (c.time ? " (" + c.time + ")" : "") + (c.modality !== "asserted" ? ", " + c.modality : "");
  }

  async function openArticle(documentId, start, end, sentence) {
    const doc = await bw.getJSON("/api/documents/" + encodeURIComponent(documentId));
    const box = $("article");
    $("article-title").textContent = doc.title || doc.doc_id;
    const meta = $("article-meta");
    meta.replaceChildren(el("span", [doc.outlet, doc.date, doc.doc_id].filter(Boolean).join(" · ")));
    if (doc.url) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(bw.safeLink(doc.url, doc.url));   // a non-http URL stays text
    }
    const select = (s, e, text) => {
      const mark = showText(doc.text, where(doc.text, s, e, text));
      if (mark) mark.scrollIntoView({ block: "center" });
      return mark;
    };
    const list = $("article-claims");
    list.replaceChildren();
    for (const c of doc.claims) {
      const li = el("li");
      li.appendChild(bw.button(claimLine(c), () => select(c.start, c.end, c.evidence)));
      if (c.evidence === sentence || (c.start === start && c.end === end)) li.className = "current";
      list.appendChild(li);
    }
    box.hidden = false;
    select(start, end, sentence);
    document.body.dataset.article = String(doc.id);
    return doc;
  }

  function closeArticle() {
    $("article").hidden = true;
    delete document.body.dataset.article;
  }

  // An evidence sentence that opens its article (or plain text when the id is unknown).
  bw.sentenceLink = function (e) {
    if (e.document_id === undefined || e.document_id === null)
      return el("span", e.evidence || e.sentence || "", "sentence");
    const text = e.evidence || e.sentence || "";
    const b = bw.button(text, () => openArticle(e.document_id, e.start, e.end, text)
      .catch(bw.report), "sentence link");
    b.title = "open the article";
    return b;
  };

  bw.openArticle = openArticle;
  bw.closeArticle = closeArticle;
  document.addEventListener("DOMContentLoaded", () => {
    $("article-close").addEventListener("click", closeArticle);
  });
})(window.bw);
