// The popup: start a check, show counts per label and the claims (click one to scroll to it).
// Opened as a tab with ?tab=<id> it acts on that tab (used by the browser test).
"use strict";

const $ = (id) => document.getElementById(id);
let tabId = null;
let polling = null;

async function targetTab() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param) return Number(param);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

function render(summary) {
  if (!summary) return;
  $("status").textContent = summary.message || (summary.state === "idle" ? "Not checked yet." : "");
  $("status").className = summary.state === "error" ? "error" : "muted";
  $("study").textContent = summary.study || "";  // the study behind the story, or that none was found
  $("study").hidden = !summary.study;
  const showCounts = summary.state === "done" || summary.state === "checking";
  $("summary").hidden = !showCounts;
  for (const label of ["supported", "overstated", "unsupported"]) {
    $(`count-${label}`).textContent = String((summary.counts || {})[label] || 0);
  }
  const list = $("claims");
  list.replaceChildren(...(summary.claims || []).map((c) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.className = `claim ${c.label}`;
    b.dataset.label = c.label;
    b.title = "Show this claim in the page";
    const badge = document.createElement("span");
    badge.className = `badge ${c.label}`;
    badge.textContent = c.label === "pending" ? "…" : c.label;
    b.append(badge, " ", c.text);
    b.addEventListener("click", async () => {
      await chrome.tabs.update(tabId, { active: true });
      chrome.tabs.sendMessage(tabId, { type: "fc-scroll", index: c.index });
    });
    li.append(b);
    return li;
  }));
  document.body.dataset.state = summary.state;
}

async function askTab(message) {
  try {
    return await chrome.tabs.sendMessage(tabId, message);
  } catch (e) {
    return null; // no content script: this page has not been checked
  }
}

// While a check runs, show claims as soon as they are found and verdicts as they land.
function poll() {
  clearInterval(polling);
  polling = setInterval(async () => {
    const s = await askTab({ type: "fc-summary" });
    if (s) render(s);
    if (!s || s.state === "done" || s.state === "error" || s.state === "idle") clearInterval(polling);
  }, 500);
}

async function check(mode) {
  $("status").textContent = "Checking…";
  $("status").className = "muted";
  poll();
  const summary = await chrome.runtime.sendMessage({ type: "fc-run", tabId, mode });
  clearInterval(polling);
  render(summary);
}

async function serverStatus() {
  const settings = await fcLoadSettings();
  const r = await fcApi("/v1/health", null, settings);
  const el = $("server");
  if (r.ok) {
    const c = r.data.corpus || {};
    el.textContent = `server ready · ${c.documents ?? "?"} abstracts`;
    el.className = "ok";
  } else {
    el.textContent = "server not reachable";
    el.className = "error";
    if (!$("summary").hidden) return;
    $("status").textContent = r.message;
    $("status").className = "error";
  }
}

(async () => {
  tabId = await targetTab();
  $("check-page").addEventListener("click", () => check("page"));
  $("check-selection").addEventListener("click", () => check("selection"));
  $("clear").addEventListener("click", async () => render(await askTab({ type: "fc-clear" }) || { state: "idle" }));
  const s = await askTab({ type: "fc-summary" });
  if (s) render(s);
  if (s && (s.state === "claims" || s.state === "checking")) poll();
  serverStatus();
})();
