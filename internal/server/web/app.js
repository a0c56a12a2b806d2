// The diplograph page: search an entity, draw its neighbourhood with cytoscape, read the
// evidence behind an edge. Everything comes from the read-only JSON API of `query serve`.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const colors = { Person: "#e07b39", Country: "#3b75af", Organization: "#519e3e", Location: "#8d6ab8" };
  let center = null;

  const cy = cytoscape({
    container: $("graph"),
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "background-color": (n) => colors[n.data("type")] || "#999",
        "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, "width": 22, "height": 22 } },
      { selector: "node.center", style: { "width": 34, "height": 34, "border-width": 3, "border-color": "#222" } },
      { selector: "edge", style: {
        "label": "data(label)", "font-size": 9, "text-rotation": "autorotate", "text-background-color": "#fff",
        "text-background-opacity": 0.8, "curve-style": "bezier", "target-arrow-shape": "triangle",
        "width": (e) => 1 + Math.min(e.data("weight") || 1, 6), "line-color": "#8a96a3", "target-arrow-color": "#8a96a3" } },
      { selector: "edge.event", style: { "line-style": "dashed", "line-color": "#c77d7d", "target-arrow-color": "#c77d7d" } },
      { selector: "edge:selected", style: { "line-color": "#1f3a5f", "target-arrow-color": "#1f3a5f", "width": 5 } },
    ],
  });
  window.cy = cy; // for the browser test and the curious

  async function getJSON(url) {
    const r = await fetch(url);
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  function text(tag, s, cls) {
    const el = document.createElement(tag);
    el.textContent = s;
    if (cls) el.className = cls;
    return el;
  }

  async function search(q) {
    const list = $("results");
    list.replaceChildren();
    if (!q.trim()) return;
    let es;
    try { es = await getJSON("api/entities?limit=15&q=" + encodeURIComponent(q)); }
    catch (err) { list.append(text("li", err.message)); return; }
    if (es.length === 0) list.append(text("li", "No entity matches “" + q + "”."));
    for (const e of es) {
      const li = text("li", e.label);
      li.dataset.iri = e.iri;
      li.append(text("span", e.type + (e.countryCode ? " · " + e.countryCode : ""), "kind"));
      li.addEventListener("click", () => { list.replaceChildren(); show(e.iri); });
      list.append(li);
    }
  }

  async function show(iri) {
    center = iri;
    const params = new URLSearchParams({ entity: iri, limit: 80 });
    for (const k of ["type", "since", "until"]) if ($(k).value) params.set(k, $(k).value);
    let g;
    try { g = await getJSON("api/graph?" + params); }
    catch (err) { $("title").textContent = err.message; return; }
    iri = center = g.center.iri; // a name given in ?entity= resolved
    $("title").textContent = g.center.label + " (" + g.center.type + "): " + g.nodes.length + " entities, " + g.edges.length + " edges" +
      (g.edges.length >= 80 ? " (the 80 most reported)" : "");
    const typeSel = $("type"), chosen = typeSel.value;
    typeSel.replaceChildren(new Option("all", ""));
    for (const t of Object.keys(g.types).sort()) typeSel.append(new Option(t + " (" + g.types[t] + ")", t));
    if (chosen && !g.types[chosen]) typeSel.append(new Option(chosen + " (0)", chosen));
    typeSel.value = chosen;
    const els = g.nodes.map((n) => ({ group: "nodes", data: { id: n.iri, label: n.label, type: n.type }, classes: n.iri === iri ? "center" : "" }));
    g.edges.forEach((e, i) => els.push({ group: "edges", classes: e.kind,
      data: { id: "e" + i, source: e.source, target: e.target, label: e.label, kind: e.kind, weight: e.weight, first: e.first || "" } }));
    cy.resize(); // the toolbar may have changed the container's size and place
    cy.elements().remove();
    cy.add(els);
    // The entity in the middle, its neighbours around it: the same picture every time.
    cy.layout({ name: "concentric", concentric: (n) => (n.id() === iri ? 2 : 1), levelWidth: () => 1,
      minNodeSpacing: 70, animate: false }).run();
    cy.fit(undefined, 30);
    $("panel-title").textContent = "Evidence";
    $("evidence").replaceChildren();
  }

  async function explain(edge) {
    const d = edge.data();
    const src = cy.getElementById(d.source).data("label"), dst = cy.getElementById(d.target).data("label");
    $("panel-title").textContent = src + " —" + d.label + "→ " + dst;
    $("hint").textContent = d.weight + (d.weight === 1 ? " article" : " articles") + (d.first ? ", first " + d.first : "");
    const list = $("evidence");
    list.replaceChildren();
    let srcs;
    try {
      srcs = await getJSON("api/explain?" + new URLSearchParams({ subject: d.source, predicate: d.label, object: d.target }));
    } catch (err) { list.append(text("li", err.message)); return; }
    for (const s of srcs) {
      const li = document.createElement("li");
      if (s.negated) li.append(text("div", "denied", "denied"));
      li.append(text("blockquote", s.sentence || "(no sentence recorded)"));
      const meta = text("div", [s.published, s.title].filter(Boolean).join(" · ") + " ", "meta");
      if (s.url) {
        const a = text("a", s.url);
        a.href = s.url; a.target = "_blank"; a.rel = "noopener";
        meta.append(a);
      } else meta.append(text("span", s.article));
      li.append(meta);
      list.append(li);
    }
    if (srcs.length === 0) list.append(text("li", "No sentence is recorded for this edge."));
  }

  cy.on("tap", "edge", (ev) => explain(ev.target));
  cy.on("tap", "node", (ev) => { if (ev.target.id() !== center) show(ev.target.id()); });
  $("search-form").addEventListener("submit", (ev) => { ev.preventDefault(); search($("search").value); });
  for (const k of ["type", "since", "until"]) $(k).addEventListener("change", () => { if (center) show(center); });
  const start = new URLSearchParams(location.search).get("entity");
  if (start) show(start);
})();
