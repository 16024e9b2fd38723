"use strict";
// The review page: shows the proposals, records decisions. Served (http:) it saves each
// decision to the server as it is made; opened from a file it collects them for export.
(function () {
  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const SERVED = location.protocol === "http:" || location.protocol === "https:";
  const records = DATA.records.slice(); // every decision known, in the order made
  const pending = []; // made on this page and not yet saved (served) or exported (file)
  const session = []; // every decision made on this page
  const state = { doc: 0, item: -1, drawing: false, selection: "" };
  const $ = (id) => document.getElementById(id);

  const norm = (text) => (text || "").split(/\s+/).filter(Boolean).join(" ").toLowerCase();
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, "+00:00");

  function say(message) {
    $("status").textContent = message;
  }

  // The decision that governs an item: the last one about it (by id, or its text).
  function governing(doc, item) {
    let found = null;
    for (const r of records) {
      if (r.decision === "reviewed") continue;
      if (r.scope !== "bundle" && r.document !== doc.relpath) continue;
      if (r.scope !== "bundle" && r.document_sha256 && r.document_sha256 !== doc.sha256) continue;
      if (r.scope === "box" ? r.id === item.id : norm(r.text) === norm(item.text)) found = r;
    }
    return found;
  }

  function effective(doc, item) {
    const r = governing(doc, item);
    if (!r) return { action: item.decision, by: item.origin === "proposed" ? "proposed" : item.origin, pending: false };
    return { action: r.decision === "release" ? "keep" : "redact", by: "reviewer", pending: pending.includes(r) };
  }

  function isReviewed(doc) {
    return records.some((r) => r.decision === "reviewed" && r.document === doc.relpath &&
      (!r.document_sha256 || r.document_sha256 === doc.sha256));
  }

  // The last decision about the document as a whole (withheld in full, or released again).
  function wholeDecision(doc) {
    let found = null;
    for (const r of records) if (r.scope === "whole" && r.document === doc.relpath) found = r;
    return found;
  }

  function isFullPage(r) {
    return r.rect && r.rect[2] >= DATA.full_page_edge && r.rect[3] >= DATA.full_page_edge;
  }

  function renderDocuments() {
    const list = $("documents");
    list.replaceChildren();
    DATA.documents.forEach((doc, i) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.className = i === state.doc ? "current" : "";
      if (i === state.doc) b.setAttribute("aria-current", "true");
      b.textContent = doc.relpath;
      const s = document.createElement("span");
      s.className = "doc-state";
      s.textContent = (isReviewed(doc) ? " - reviewed" : " - not reviewed") + " (" + doc.status + ")" +
        (wholeDecision(doc) && wholeDecision(doc).decision === "withhold" ? " - withheld in full by decision" : "");
      b.append(s);
      b.addEventListener("click", () => openDocument(i));
      li.append(b);
      list.append(li);
    });
    $("pending-count").textContent = String(pending.length);
  }

  function pct(v, whole) {
    return (100 * v / whole).toFixed(4) + "%";
  }

  function place(el, rect, page) {
    el.style.left = pct(rect[0], page.width);
    el.style.top = pct(rect[1], page.height);
    el.style.width = pct(rect[2] - rect[0], page.width);
    el.style.height = pct(rect[3] - rect[1], page.height);
  }

  function renderPages() {
    const doc = DATA.documents[state.doc];
    $("doc-heading").textContent = doc.relpath;
    $("doc-note").textContent = doc.note || (doc.reason ? "Run result: " + doc.reason : "");
    const holder = $("pages");
    holder.replaceChildren();
    doc.pages.forEach((page, n) => {
      const fig = document.createElement("figure");
      fig.className = "page";
      fig.dataset.page = String(n + 1);
      fig.style.maxWidth = Math.round(page.width * 1.5) + "px";
      const img = document.createElement("img");
      img.src = page.image;
      img.alt = "Page " + (n + 1) + " of " + doc.relpath;
      img.loading = "lazy";
      img.width = Math.round(page.width * 1.5);
      img.height = Math.round(page.height * 1.5);
      const layer = document.createElement("div");
      layer.className = "layer" + (state.drawing ? " drawing" : "");
      layer.style.aspectRatio = page.width + " / " + page.height;
      for (const w of page.words) {
        const span = document.createElement("span");
        span.className = "word";
        span.textContent = w[4] + " ";
        place(span, w, page);
        layer.append(span);
      }
      doc.items.forEach((item, i) => {
        if (item.page !== n + 1) return;
        const eff = effective(doc, item);
        for (const rect of item.rects || []) {
          const box = document.createElement("div");
          box.className = "box " + eff.action + (i === state.item ? " selected" : "") + (eff.pending ? " pending" : "");
          box.dataset.item = String(i);
          box.setAttribute("aria-hidden", "true"); // the list of items is the accessible way to them
          box.title = (eff.action === "redact" ? "Withheld: " : "Released: ") + item.text;
          place(box, rect, page);
          box.addEventListener("click", (ev) => { if (!state.drawing) { ev.stopPropagation(); select(i); } });
          layer.append(box);
        }
      });
      const logged = new Set(doc.items.map((item) => JSON.stringify(item.rects)));
      for (const r of records) {
        if (r.rect && r.document === doc.relpath && r.page === n + 1 && !logged.has(JSON.stringify([r.rect]))) {
          const box = document.createElement("div");
          box.className = "box redact pending";
          box.title = (isFullPage(r) ? "Page withheld" : "Drawn box") + " under " + (r.exemption || "the default exemption") +
            " (applied at the next run)";
          place(box, [r.rect[0], r.rect[1], Math.min(r.rect[2], page.width), Math.min(r.rect[3], page.height)], page);
          layer.append(box);
        }
      }
      enableDrawing(layer, page, n + 1);
      const cap = document.createElement("figcaption");
      cap.textContent = "Page " + (n + 1);
      fig.append(img, layer, cap);
      holder.append(fig);
    });
    if (!doc.pages.length) {
      const p = document.createElement("p");
      p.textContent = "No page images for this document.";
      holder.append(p);
    }
  }

  function renderItems() {
    const doc = DATA.documents[state.doc];
    for (const item of doc.items) if (!item.text) item.text = item.explanation || "(a drawn box)";
    const list = $("items");
    list.replaceChildren();
    doc.items.forEach((item, i) => {
      const eff = effective(doc, item);
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.item = String(i);
      b.className = i === state.item ? "selected" : "";
      const tag = document.createElement("span");
      tag.className = "tag " + eff.action;
      tag.textContent = eff.action === "redact" ? "withheld" : "released";
      const text = document.createElement("strong");
      text.textContent = item.text;
      const meta = document.createElement("span");
      meta.className = "meta";
      const score = typeof item.score === "number" ? item.score.toFixed(2) : "-";
      meta.textContent = "page " + item.page + " · " + item.category + " · " + item.entity_type + " · " +
        item.recognizer + " · confidence " + score + " · " + (eff.pending ? "decided, not yet applied" : eff.by) +
        " · " + item.reason;
      b.append(tag, text, meta);
      b.setAttribute("aria-label", tag.textContent + ": " + item.text + ". " + meta.textContent);
      b.addEventListener("click", () => select(i));
      li.append(b);
      list.append(li);
    });
  }

  function renderSession() {
    const list = $("session");
    list.replaceChildren();
    for (const r of session) {
      const li = document.createElement("li");
      li.textContent = (r.document || "bundle") + ": " + describe(r) + (pending.includes(r) ? " (not saved yet)" : "");
      list.append(li);
    }
  }

  function render() {
    renderDocuments();
    renderPages();
    renderItems();
    renderSession();
    renderPublicInterest();
    const doc = DATA.documents[state.doc];
    const whole = wholeDecision(doc);
    $("withhold-whole").textContent = whole && whole.decision === "withhold"
      ? "Release the whole document again" : "Withhold the whole document";
    if (state.item >= 0 && doc.items[state.item]) {
      const item = doc.items[state.item];
      const eff = effective(doc, item);
      $("selected").textContent = "Selected: \u201c" + item.text + "\u201d on page " + item.page + ", " +
        (eff.action === "redact" ? "withheld" : "released") + (eff.by === "reviewer" ? " by a reviewer" : "") +
        " (" + item.id + ")";
    }
  }

  function select(i) {
    const doc = DATA.documents[state.doc];
    if (!doc.items.length) return;
    state.item = Math.max(0, Math.min(i, doc.items.length - 1));
    const item = doc.items[state.item];
    const eff = effective(doc, item);
    $("selected").textContent = "Selected: \u201c" + item.text + "\u201d on page " + item.page + ", " +
      (eff.action === "redact" ? "withheld" : "released") + " (" + item.id + ")";
    renderItems();
    for (const el of document.querySelectorAll(".box")) {
      el.classList.toggle("selected", el.dataset.item === String(state.item));
    }
    const button = document.querySelector('#items button[data-item="' + state.item + '"]');
    if (button) button.focus();
    const box = document.querySelector('.box[data-item="' + state.item + '"]');
    if (box) box.scrollIntoView({ block: "center" });
  }

  function openDocument(i) {
    state.doc = (i + DATA.documents.length) % DATA.documents.length;
    state.item = -1;
    $("selected").textContent = "No item selected.";
    render();
    say("Showing " + DATA.documents[state.doc].relpath);
  }

  async function record(r) {
    r.reviewer = $("reviewer").value.trim() || "unknown";
    r.time = now();
    records.push(r);
    pending.push(r);
    session.push(r);
    $("reason").value = ""; // a reason is given for one decision, not carried to the next
    if (SERVED) {
      try {
        const response = await fetch("decisions", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify([r]),
        });
        if (!response.ok) throw new Error((await response.text()) || response.statusText);
        pending.splice(pending.indexOf(r), 1);
        say("Saved: " + describe(r) + ". Run redact INBOX OUT again to apply it.");
      } catch (err) {
        say("Not saved (" + err.message + "): export the decisions before closing this page.");
        $("export").hidden = false;
      }
    } else {
      say("Recorded: " + describe(r) + ". Export the decisions (e) and import them with redact decide OUT --import FILE.");
    }
    render();
  }

  function describe(r) {
    if (r.scope === "whole") {
      return r.decision === "withhold" ? "withhold the whole document under " + r.exemption
        : "release the whole document again";
    }
    const what = r.scope === "box" ? (isFullPage(r) ? "page " + r.page : r.rect ? "a drawn box on page " + r.page : "item " + r.id)
      : "every \u201c" + r.text + "\u201d in the " + (r.scope === "bundle" ? "bundle" : "document");
    const under = r.decision === "withhold" && r.exemption ? " under " + r.exemption : "";
    return (r.decision === "reviewed" ? "reviewed " + r.document : r.decision + " " + what + under);
  }

  function base(decision) {
    const doc = DATA.documents[state.doc];
    const scope = $("scope").value;
    const r = { decision: decision, scope: scope, reason: $("reason").value.trim() };
    if (scope !== "bundle") { r.document = doc.relpath; r.document_sha256 = doc.sha256; }
    if (decision === "withhold") r.exemption = $("exemption").value;
    return r;
  }

  function decideItem(decision) {
    const doc = DATA.documents[state.doc];
    if (state.item < 0) { say("Select an item first (j/k, or click it)."); return; }
    const item = doc.items[state.item];
    const r = base(decision);
    if (r.scope === "box") r.id = item.id;
    r.text = item.text;
    record(r);
  }

  function withholdText() {
    let text = $("add-text").value.trim();
    const selection = window.getSelection().toString() || state.selection;
    if (!text && selection) text = selection.split(/\s+/).filter(Boolean).join(" ");
    state.selection = "";
    if (!text) { say("Select the text on the page, or type it in \u201cText to withhold\u201d."); return; }
    const r = base("withhold");
    if (r.scope === "box") { r.scope = "document"; r.document = DATA.documents[state.doc].relpath;
      r.document_sha256 = DATA.documents[state.doc].sha256; }
    r.text = text;
    $("add-text").value = "";
    record(r);
  }

  function enableDrawing(layer, page, number) {
    let start = null;
    let sketch = null;
    const toPdf = (ev) => {
      const rect = layer.getBoundingClientRect();
      return [(ev.clientX - rect.left) / rect.width * page.width, (ev.clientY - rect.top) / rect.height * page.height];
    };
    layer.addEventListener("mousedown", (ev) => {
      if (!state.drawing) return;
      ev.preventDefault();
      start = toPdf(ev);
      sketch = document.createElement("div");
      sketch.className = "sketch";
      layer.append(sketch);
    });
    layer.addEventListener("mousemove", (ev) => {
      if (!start) return;
      const p = toPdf(ev);
      place(sketch, [Math.min(start[0], p[0]), Math.min(start[1], p[1]), Math.max(start[0], p[0]), Math.max(start[1], p[1])], page);
    });
    layer.addEventListener("mouseup", (ev) => {
      if (!start) return;
      const p = toPdf(ev);
      const rect = [Math.min(start[0], p[0]), Math.min(start[1], p[1]), Math.max(start[0], p[0]), Math.max(start[1], p[1])]
        .map((v) => Math.round(v * 10) / 10);
      start = null;
      sketch.remove();
      if (rect[2] - rect[0] < 2 || rect[3] - rect[1] < 2) { say("That box is too small: drag across what to remove."); return; }
      const doc = DATA.documents[state.doc];
      const r = base("withhold");
      Object.assign(r, { scope: "box", document: doc.relpath, document_sha256: doc.sha256, page: number, rect: rect });
      toggleDrawing(false);
      record(r);
    });
  }

  function toggleDrawing(on) {
    state.drawing = on === undefined ? !state.drawing : on;
    $("draw").setAttribute("aria-pressed", String(state.drawing));
    for (const layer of document.querySelectorAll(".layer")) layer.classList.toggle("drawing", state.drawing);
    say(state.drawing ? "Drawing: drag a box over what to remove (Escape to stop)." : "Drawing off.");
  }

  function withholdPage() {
    const doc = DATA.documents[state.doc];
    const n = Number($("page-number").value);
    const count = doc.page_count || doc.pages.length;
    if (!Number.isInteger(n) || n < 1 || (count && n > count)) {
      say("Give the number of the page to withhold" + (count ? " (1 to " + count + ")." : "."));
      $("page-number").focus();
      return;
    }
    const edge = DATA.full_page_edge;
    const r = base("withhold");
    Object.assign(r, { scope: "box", document: doc.relpath, document_sha256: doc.sha256, page: n, rect: [0, 0, edge, edge] });
    $("page-number").value = "";
    record(r);
  }

  function toggleWhole() {
    const doc = DATA.documents[state.doc];
    const last = wholeDecision(doc);
    const release = last && last.decision === "withhold";
    const r = { decision: release ? "release" : "withhold", scope: "whole", document: doc.relpath,
      document_sha256: doc.sha256, reason: $("reason").value.trim() };
    if (!release) r.exemption = $("exemption").value;
    record(r);
  }

  // Public interest tests: one form per qualified exemption the response relies on (the last
  // run's, and any chosen on this page since), starting from the library's neutral prompts.
  const PARTS = [
    ["release", "Arguments in favour of release"],
    ["withholding", "Arguments in favour of withholding (maintaining the exemption)"],
    ["conclusion", "Conclusion"],
  ];
  const pitId = (code) => "pit-" + code.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");

  function qualifiedInUse() {
    const codes = DATA.used_exemptions.slice();
    for (const r of records) if (r.decision === "withhold" && r.exemption) codes.push(r.exemption);
    return [...new Set(codes)].filter((code) => DATA.qualified[code]);
  }

  function labelled(control, text) {
    const label = document.createElement("label");
    label.htmlFor = control.id;
    label.textContent = text;
    return label;
  }

  function pitForm(code) {
    const info = DATA.qualified[code];
    const id = pitId(code);
    const saved = info.record || {};
    const set = document.createElement("fieldset");
    set.id = id;
    set.dataset.code = code;
    const legend = document.createElement("legend");
    legend.textContent = info.title;
    set.append(legend);
    for (const [part, text] of PARTS) {
      const area = document.createElement("textarea");
      area.id = id + "-" + part;
      area.rows = 4;
      area.value = saved[part] || "";
      const prompts = document.createElement("ul");
      prompts.id = area.id + "-prompts";
      prompts.className = "prompts";
      for (const q of info.prompts[part]) {
        const li = document.createElement("li");
        li.textContent = q;
        prompts.append(li);
      }
      area.setAttribute("aria-describedby", prompts.id);
      set.append(labelled(area, text), prompts, area);
    }
    if (info.qualified_person) {
      const who = document.createElement("input");
      who.id = id + "-person";
      who.type = "text";
      who.value = saved.qualified_person || "";
      const when = document.createElement("input");
      when.id = id + "-date";
      when.type = "date";
      when.value = saved.opinion_date || "";
      set.append(labelled(who, "Qualified person who gave the reasonable opinion"), who,
        labelled(when, "Date of the qualified person's opinion"), when);
    }
    const save = document.createElement("button");
    save.type = "button";
    save.textContent = "Save the public interest test for " + code;
    save.addEventListener("click", () => savePublicInterest(code));
    set.append(save);
    return set;
  }

  function renderPublicInterest() {
    const codes = qualifiedInUse();
    $("pit-none").hidden = codes.length > 0;
    for (const code of codes) if (!document.getElementById(pitId(code))) $("pit-forms").append(pitForm(code));
  }

  async function savePublicInterest(code) {
    const id = pitId(code);
    const form = { public_interest: code, reviewer: $("reviewer").value.trim() || "unknown", time: now() };
    for (const [part] of PARTS) form[part] = $(id + "-" + part).value.trim();
    const empty = PARTS.filter(([part]) => !form[part]);
    if (empty.length) {
      say("The public interest test for " + code + " needs your words under: " + empty.map((p) => p[1]).join("; ") + ".");
      $(id + "-" + empty[0][0]).focus();
      return;
    }
    if (DATA.qualified[code].qualified_person) {
      form.qualified_person = $(id + "-person").value.trim();
      form.opinion_date = $(id + "-date").value;
      if (!form.qualified_person || !form.opinion_date) {
        say(code + " needs the qualified person's opinion: who gave it, and the date.");
        $(id + (form.qualified_person ? "-date" : "-person")).focus();
        return;
      }
    }
    const earlier = pending.findIndex((p) => p.public_interest === code);
    if (earlier >= 0) pending.splice(earlier, 1); // the latest words replace those not yet saved
    if (SERVED) {
      try {
        const response = await fetch("public-interest", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(form),
        });
        if (!response.ok) throw new Error((await response.text()) || response.statusText);
        const answer = await response.json();
        say("Saved the public interest test for " + code + " in OUT/" + answer.saved + ".");
      } catch (err) {
        pending.push(form);
        $("export").hidden = false;
        say("Not saved (" + err.message + "): export the decisions before closing this page.");
      }
    } else {
      pending.push(form);
      say("Recorded the public interest test for " + code + ". Export the decisions (e) and import them with " +
        "redact decide OUT --import FILE.");
    }
    renderDocuments();
  }

  function markReviewed() {
    const doc = DATA.documents[state.doc];
    record({ decision: "reviewed", scope: "document", document: doc.relpath, document_sha256: doc.sha256,
      reason: $("reason").value.trim() });
  }

  function exportDecisions() {
    if (!pending.length) { say("Nothing to export: no decision was made on this page since it was opened."); return; }
    const lines = pending.map((r) => JSON.stringify(r)).join("\n") + "\n";
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([lines], { type: "application/x-ndjson" }));
    a.download = "decisions-export.jsonl";
    document.body.append(a);
    a.click();
    a.remove();
    say("Exported " + pending.length + " decision(s) to decisions-export.jsonl. Now run: redact decide OUT --import decisions-export.jsonl");
  }

  function onKey(ev) {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (ev.key === "Escape" && state.drawing) { toggleDrawing(false); return; }
    if (tag === "input" || tag === "select" || tag === "textarea" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const actions = {
      j: () => select(state.item + 1), ArrowDown: () => select(state.item + 1),
      k: () => select(state.item - 1), ArrowUp: () => select(state.item - 1),
      r: () => decideItem("release"), w: () => decideItem("withhold"), t: withholdText,
      d: () => toggleDrawing(), m: markReviewed, e: exportDecisions,
      n: () => openDocument(state.doc + 1), p: () => openDocument(state.doc - 1),
      i: () => $("public-interest").focus(),
    };
    const action = actions[ev.key];
    if (action) { ev.preventDefault(); action(); }
  }

  function init() {
    $("mode-note").textContent = SERVED
      ? "Each decision is saved as you make it. Run redact INBOX OUT again to apply them."
      : "Opened from a file: this page cannot save. Export your decisions (e) and record them with " +
        "redact decide OUT --import decisions-export.jsonl, or use redact review OUT --serve.";
    $("export").hidden = SERVED;
    for (const code of DATA.exemptions) {
      const o = document.createElement("option");
      o.value = code;
      o.textContent = code;
      o.selected = code === DATA.default_exemption;
      $("exemption").append(o);
    }
    $("reviewer").value = DATA.reviewer;
    $("release").addEventListener("click", () => decideItem("release"));
    $("withhold").addEventListener("click", () => decideItem("withhold"));
    $("withhold-text").addEventListener("click", withholdText);
    $("draw").addEventListener("click", () => toggleDrawing());
    $("mark-reviewed").addEventListener("click", markReviewed);
    $("withhold-page").addEventListener("click", withholdPage);
    $("withhold-whole").addEventListener("click", toggleWhole);
    $("export").addEventListener("click", exportDecisions);
    document.addEventListener("keydown", onKey);
    document.addEventListener("selectionchange", () => {
      const text = window.getSelection().toString().trim();
      if (text && window.getSelection().anchorNode && $("pages").contains(window.getSelection().anchorNode)) {
        state.selection = text;
        $("add-text").placeholder = "selected: " + text.slice(0, 60);
      }
    });
    if (!DATA.documents.length) { say("The last run has no documents."); return; }
    render();
  }

  init();
})();
