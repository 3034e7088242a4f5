// The content script: reads the text the user asked about, underlines the claims the server
// finds, and shows a card per claim. Injected on demand; the page's own text nodes are only
// wrapped in <fc-mark> (inline, no box, so nothing moves) and unwrapped again on "remove".
"use strict";

(() => {
  if (window.__factcheck) return; // injected once per page
  const FC = (window.__factcheck = { summary: { state: "idle", counts: {}, claims: [] } });
  const LABELS = ["supported", "overstated", "unsupported"];
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEXTAREA", "INPUT", "SELECT", "OPTION", "BUTTON",
    "SVG", "svg", "CANVAS", "IFRAME", "OBJECT", "TEMPLATE", "FC-UI", "HEAD", "TITLE"]);
  const INLINE = new Set(["inline", "inline-block", "inline-flex", "contents", "ruby"]);
  const PUBMED = "https://pubmed.ncbi.nlm.nih.gov/";
  let job = null; // the current check: {mode, text, map, claims, verdicts, marks, field}
  let runId = 0;

  // ------------------------------------------------------------------ reading the page

  function visible(el, cache) {
    if (cache.has(el)) return cache.get(el);
    let ok = el.getClientRects().length > 0 || getComputedStyle(el).display === "contents";
    if (ok && getComputedStyle(el).visibility === "hidden") ok = false;
    cache.set(el, ok);
    return ok;
  }

  function blockOf(el) {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      if (!INLINE.has(getComputedStyle(e).display)) return e;
    }
    return document.documentElement;
  }

  function skipped(el) {
    for (let e = el; e; e = e.parentElement) if (SKIP.has(e.tagName)) return true;
    return false;
  }

  // The text under `root` as the reader sees it (whitespace collapsed, blocks separated by a blank
  // line, which is where the server splits blocks), and for each character its text node and offset.
  function collect(root, range) {
    const chars = [], nodeOf = [], offOf = [], nodes = [], cache = new Map();
    let lastBlock = null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        const el = node.parentElement;
        if (!el || !node.data.length) return NodeFilter.FILTER_REJECT;
        if (range && !range.intersectsNode(node)) return NodeFilter.FILTER_REJECT;
        if (skipped(el) || !visible(el, cache)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    const push = (c, n, o) => { chars.push(c); nodeOf.push(n); offOf.push(o); };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const block = blockOf(node.parentElement);
      if (block !== lastBlock && chars.length) {
        while (chars.length && chars[chars.length - 1] === " ") { chars.pop(); nodeOf.pop(); offOf.pop(); }
        push("\n", -1, 0); push("\n", -1, 0);
      }
      lastBlock = block;
      const n = nodes.push(node) - 1;
      const data = node.data;
      const from = range && node === range.startContainer ? range.startOffset : 0;
      const to = range && node === range.endContainer ? range.endOffset : data.length;
      for (let i = from; i < to; i++) {
        const c = data[i];
        if (/\s/.test(c)) {
          const prev = chars[chars.length - 1];
          if (!chars.length || prev === " " || prev === "\n") continue;
          push(" ", n, i);
        } else {
          push(c, n, i);
        }
      }
    }
    return { text: chars.join(""), nodeOf, offOf, nodes };
  }

  function articleRoot() {
    for (const sel of ["article", "[role=main]", "main"]) {
      const el = document.querySelector(sel);
      if (el && el.innerText && el.innerText.trim().length > 200) return el;
    }
    return document.body;
  }

  // ------------------------------------------------------------------ underlining

  // [start, end) of the collected text → one (node, from, to) piece per text node it covers.
  function pieces(map, start, end) {
    const out = [];
    for (let k = start; k < end && k < map.nodeOf.length; k++) {
      const n = map.nodeOf[k];
      if (n < 0) continue;
      const last = out[out.length - 1];
      if (last && last.n === n) last.to = map.offOf[k] + 1;
      else out.push({ n, from: map.offOf[k], to: map.offOf[k] + 1 });
    }
    return out.filter((p) => map.nodes[p.n].data.slice(p.from, p.to).trim());
  }

  // Wrap every claim's text in <fc-mark>s. Pieces are wrapped from the end of the document
  // backwards, so splitting a text node never moves a piece not yet wrapped.
  function underline(map, claims) {
    const marks = claims.map(() => []);
    const all = [];
    let lastEnd = -1;
    claims.forEach((c, i) => {
      if (c.start < lastEnd) return; // overlapping claims: the first one wins
      lastEnd = c.end;
      pieces(map, c.start, c.end).forEach((p, j) => all.push({ ...p, i, first: j === 0 }));
    });
    all.sort((a, b) => b.n - a.n || b.from - a.from);
    for (const p of all) {
      const node = map.nodes[p.n];
      if (!node.isConnected || p.to > node.data.length) continue;
      const range = document.createRange();
      range.setStart(node, p.from);
      range.setEnd(node, p.to);
      const mark = document.createElement("fc-mark");
      mark.dataset.fcClaim = String(p.i);
      mark.dataset.fcLabel = "pending";
      if (p.first) {
        mark.tabIndex = 0;
        mark.setAttribute("role", "button");
        mark.setAttribute("aria-label", "factcheck: checking this claim");
      }
      range.surroundContents(mark);
      marks[p.i].unshift(mark);
    }
    return marks;
  }

  function removeMarks() {
    const parents = new Set();
    document.querySelectorAll("fc-mark").forEach((mark) => {
      const parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parents.add(parent);
    });
    parents.forEach((p) => p.normalize());
    if (window.CSS && CSS.highlights) LABELS.concat("pending").forEach((l) => CSS.highlights.delete(`fc-${l}`));
  }

  function label(i) {
    const v = job && job.verdicts && job.verdicts[i];
    return v ? v.label : "pending";
  }

  function relabel() {
    if (!job) return;
    if (job.marks) {
      job.marks.forEach((ms, i) => ms.forEach((m) => {
        m.dataset.fcLabel = label(i);
        if (m.tabIndex === 0) m.setAttribute("aria-label", `factcheck: ${label(i)} claim; focus for details`);
      }));
    }
    if (job.field && job.field.kind === "contenteditable" && window.CSS && CSS.highlights && window.Highlight) {
      const groups = {};
      job.claims.forEach((c, i) => {
        for (const p of pieces(job.map, c.start, c.end)) {
          const r = new Range();
          r.setStart(job.map.nodes[p.n], p.from);
          r.setEnd(job.map.nodes[p.n], p.to);
          (groups[label(i)] = groups[label(i)] || []).push(r);
        }
      });
      LABELS.concat("pending").forEach((l) => CSS.highlights.set(`fc-${l}`, new Highlight(...(groups[l] || []))));
    }
  }

  // ------------------------------------------------------------------ the floating UI (shadow DOM)

  const host = document.createElement("fc-ui");
  host.style.cssText = "all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;";
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = `<style>
    :host { all: initial; }
    * { box-sizing: border-box; }
    .box { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; background: #fff; border: 1px solid #d0d7de;
           border-radius: 8px; box-shadow: 0 8px 24px rgba(140,149,159,.35); }
    #card { position: fixed; width: min(420px, 92vw); max-height: 60vh; overflow: auto; padding: 12px 14px; display: none; }
    #toast { position: fixed; right: 16px; bottom: 16px; max-width: 380px; padding: 10px 34px 10px 14px; display: none; }
    #panel { position: fixed; right: 16px; bottom: 16px; width: min(440px, 92vw); max-height: 70vh; overflow: auto; padding: 10px 14px; display: none; }
    .close { position: absolute; top: 4px; right: 6px; border: 0; background: none; font-size: 18px; cursor: pointer; color: #57606a; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-weight: 600; font-size: 12px; text-transform: uppercase; }
    .supported { background: #1a7f37; } .overstated { background: #bc4c00; } .unsupported { background: #cf222e; } .pending { background: #6e7781; }
    .conf { color: #57606a; font-size: 12px; margin-left: 6px; }
    .claim { margin: 8px 0 4px; font-weight: 600; }
    ul { margin: 4px 0; padding-left: 18px; }
    .suggestion { background: #fff8c5; padding: 6px 8px; border-radius: 6px; margin: 6px 0; }
    .evidence { border-left: 3px solid #d0d7de; margin: 8px 0; padding: 2px 0 2px 8px; }
    .evidence q { display: block; font-style: italic; }
    .evidence .src { font-size: 12px; color: #57606a; }
    a { color: #0969da; }
    .item { display: block; width: 100%; text-align: left; border: 0; border-top: 1px solid #eaeef2; background: none; padding: 6px 0; font: inherit; cursor: pointer; }
    .error { border-color: #cf222e; }
    code { background: #f6f8fa; padding: 0 4px; border-radius: 4px; }
  </style>
  <div id="card" class="box" role="dialog" aria-live="polite"></div>
  <div id="toast" class="box" role="status"><span></span><button class="close" aria-label="Close">×</button></div>
  <div id="panel" class="box" role="dialog" aria-label="factcheck results"></div>`;
  const card = shadow.getElementById("card");
  const toast = shadow.getElementById("toast");
  const panel = shadow.getElementById("panel");
  toast.querySelector(".close").addEventListener("click", () => (toast.style.display = "none"));
  let toastTimer = null;

  function mountUi() {
    if (!host.isConnected) document.documentElement.appendChild(host);
  }

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  function showToast(message, { error = false, hideAfter = 0 } = {}) {
    mountUi();
    toast.querySelector("span").textContent = message;
    toast.classList.toggle("error", error);
    toast.style.display = "block";
    clearTimeout(toastTimer);
    if (hideAfter) toastTimer = setTimeout(() => (toast.style.display = "none"), hideAfter);
  }

  // The content of one claim's card: label, reasons, rewording, evidence with PubMed links.
  function cardContent(i) {
    const c = job.claims[i];
    const v = job.verdicts && job.verdicts[i];
    const frag = document.createDocumentFragment();
    const lab = v ? v.label : "pending";
    const head = el("div", {}, el("span", { class: `badge ${lab}` }, v ? v.label : "checking…"));
    if (v) head.append(el("span", { class: "conf" }, `confidence ${Math.round(v.confidence * 100)}%`));
    frag.append(head, el("div", { class: "claim" }, c.text));
    if (!v) return frag;
    if (v.reasons && v.reasons.length) frag.append(el("ul", {}, ...v.reasons.map((r) => el("li", {}, r))));
    if (v.suggestion && v.label === "overstated") {
      frag.append(el("div", { class: "suggestion" }, el("strong", {}, "Fairer wording: "), v.suggestion));
    }
    for (const e of (v.evidence || []).slice(0, 4)) {
      const link = e.url && e.url.startsWith(PUBMED)
        ? el("a", { href: e.url, target: "_blank", rel: "noopener noreferrer" }, e.pmid ? `PMID ${e.pmid}` : "PubMed")
        : document.createTextNode(e.pmid ? `PMID ${e.pmid}` : `doc ${e.doc_id}`);
      frag.append(el("div", { class: "evidence", "data-stance": e.stance || "" },
        el("q", {}, e.sentence), el("div", { class: "src" }, `${e.title} — `, link, ` (${e.stance})`)));
    }
    if (!(v.evidence || []).length) frag.append(el("div", { class: "src" }, "No evidence sentence in the corpus."));
    return frag;
  }

  let hideTimer = null;
  function showCard(mark) {
    const i = Number(mark.dataset.fcClaim);
    if (!job || !job.claims[i]) return;
    clearTimeout(hideTimer);
    mountUi();
    card.replaceChildren(cardContent(i));
    card.dataset.claim = String(i);
    card.style.display = "block";
    const first = mark.getClientRects()[0], box = mark.getBoundingClientRect();
    const r = { left: first ? first.left : box.left, top: box.top, bottom: box.bottom };
    const h = card.offsetHeight, w = card.offsetWidth;
    const below = r.bottom + 6 + h <= window.innerHeight || r.top < h + 6;
    card.style.top = `${Math.max(4, below ? r.bottom + 6 : r.top - h - 6)}px`;
    card.style.left = `${Math.max(4, Math.min(r.left, window.innerWidth - w - 8))}px`;
  }
  function hideCardSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => (card.style.display = "none"), 350);
  }
  const markOf = (t) => (t instanceof Element ? t.closest("fc-mark") : null);
  document.addEventListener("mouseover", (e) => { const m = markOf(e.target); if (m) showCard(m); }, true);
  document.addEventListener("mouseout", (e) => { if (markOf(e.target)) hideCardSoon(); }, true);
  document.addEventListener("focusin", (e) => { const m = markOf(e.target); if (m) showCard(m); }, true);
  document.addEventListener("focusout", (e) => { if (markOf(e.target)) hideCardSoon(); }, true);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") card.style.display = "none"; }, true);
  window.addEventListener("scroll", () => (card.style.display = "none"), { passive: true });
  card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  card.addEventListener("mouseleave", hideCardSoon);

  // Results for a text box: a panel (a textarea has no DOM to underline); a click selects the claim.
  function showPanel() {
    mountUi();
    const close = el("button", { class: "close", "aria-label": "Close" }, "×");
    close.addEventListener("click", clear);
    const items = job.claims.map((c, i) => {
      const b = el("button", { class: "item" }, cardContent(i));
      b.addEventListener("click", () => scrollTo(i));
      return b;
    });
    panel.replaceChildren(close, el("strong", {}, "factcheck"), items.length ? "" : el("div", {}, "No checkable claims found."), ...items);
    panel.style.display = "block";
  }

  // ------------------------------------------------------------------ a check

  function api(path, body) {
    return chrome.runtime.sendMessage({ type: "fc-api", path, body });
  }

  function summarize() {
    const counts = Object.fromEntries(LABELS.map((l) => [l, 0]));
    const claims = job ? job.claims.map((c, i) => ({ index: i, text: c.text, label: label(i) })) : [];
    claims.forEach((c) => { if (c.label in counts) counts[c.label]++; });
    return { ...FC.summary, counts, claims, total: claims.length };
  }

  function target(mode) {
    if (mode === "editable") {
      const a = document.activeElement;
      if (a && (a.tagName === "TEXTAREA" || a.tagName === "INPUT")) return { field: { kind: "input", el: a }, text: a.value };
      const ce = a && a.isContentEditable ? a : null;
      if (!ce) throw new Error("Click into a text box first, then choose \"Check this text box\".");
      const map = collect(ce);
      return { field: { kind: "contenteditable", el: ce }, map, text: map.text };
    }
    if (mode === "selection") {
      const sel = window.getSelection();
      if (!sel || !sel.rangeCount || sel.isCollapsed) throw new Error("Select some text first, then choose \"Check selection\".");
      const map = collect(document.body, sel.getRangeAt(0));
      return { map, text: map.text };
    }
    const map = collect(articleRoot());
    return { map, text: map.text };
  }

  async function run(mode) {
    const me = ++runId;
    clear();
    let t;
    try {
      t = target(mode);
    } catch (e) {
      FC.summary = { state: "error", message: e.message };
      showToast(e.message, { error: true, hideAfter: 6000 });
      return summarize();
    }
    job = { mode, ...t, claims: [], verdicts: null, marks: null };
    if (!t.text.trim()) {
      FC.summary = { state: "done", message: "No text to check here." };
      showToast("factcheck: no text to check here.", { hideAfter: 4000 });
      return summarize();
    }
    const request = { text: t.text, url: location.href, format: "text" };
    FC.summary = { state: "claims", message: "Finding claims…" };
    showToast("factcheck: finding claims…");
    const found = await api("/v1/claims", request);
    if (me !== runId) return summarize();
    if (!found.ok) return fail(found);
    job.claims = found.data.claims;
    if (!job.claims.length) {
      FC.summary = { state: "done", message: "No checkable health claims found." };
      showToast("factcheck: no checkable health claims found.", { hideAfter: 4000 });
      return summarize();
    }
    if (job.map && !job.field) job.marks = underline(job.map, job.claims);
    relabel();
    FC.summary = { state: "checking", message: `Checking ${job.claims.length} claims…` };
    showToast(`factcheck: checking ${job.claims.length} claims against PubMed abstracts…`);
    const checked = await api("/v1/check", request);
    if (me !== runId) return summarize();
    if (!checked.ok) return fail(checked);
    adoptVerdicts(checked.data.claims);
    const s = summarize();
    const study = (checked.data.source_study || {}).message || "";
    FC.summary = { state: "done", message: `${s.total} claims: ${LABELS.map((l) => `${s.counts[l]} ${l}`).join(", ")}.`,
                   study };
    showToast(`factcheck: ${FC.summary.message}`, { hideAfter: 5000 });
    if (job.field) showPanel();
    return summarize();
  }

  // Verdicts come for the same claims as /v1/claims found (same extractor, same text); if they
  // differ, the underlines are redrawn from the verdicts.
  function adoptVerdicts(verdicts) {
    const same = verdicts.length === job.claims.length &&
      verdicts.every((v, i) => v.start === job.claims[i].start && v.end === job.claims[i].end);
    if (!same && job.map && !job.field) {
      removeMarks();
      job.map = collect(job.mode === "page" ? articleRoot() : document.body);
      job.marks = underline(job.map, verdicts);
    }
    job.claims = verdicts;
    job.verdicts = verdicts;
    relabel();
  }

  function fail(result) {
    FC.summary = { state: "error", kind: result.kind, message: result.message };
    showToast(result.message, { error: true });
    removeMarks();
    if (job) job.marks = null;
    return summarize();
  }

  function clear() {
    removeMarks();
    job = null;
    FC.summary = { state: "idle" };
    card.style.display = "none";
    panel.style.display = "none";
    toast.style.display = "none";
  }

  function scrollTo(i) {
    if (!job || !job.claims[i]) return false;
    const c = job.claims[i];
    if (job.field && job.field.kind === "input") {
      job.field.el.focus();
      job.field.el.setSelectionRange(c.start, c.end);
      return true;
    }
    if (job.field) {
      const ps = pieces(job.map, c.start, c.end);
      if (!ps.length) return false;
      const r = document.createRange();
      r.setStart(job.map.nodes[ps[0].n], ps[0].from);
      const last = ps[ps.length - 1];
      r.setEnd(job.map.nodes[last.n], last.to);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      job.field.el.focus();
      return true;
    }
    const mark = job.marks && job.marks[i] && job.marks[i][0];
    if (!mark) return false;
    mark.scrollIntoView({ block: "center", behavior: "instant" });
    mark.focus({ preventScroll: true });
    return true;
  }

  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    switch (msg.type) {
      case "fc-ping": sendResponse({ ok: true }); return false;
      case "fc-run": run(msg.mode || "page").then(sendResponse); return true;
      case "fc-summary": sendResponse(summarize()); return false;
      case "fc-scroll": sendResponse({ ok: scrollTo(msg.index) }); return false;
      case "fc-clear": clear(); sendResponse(summarize()); return false;
      default: return false;
    }
  });
})();
