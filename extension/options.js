// Options: the server URL and token, kept in chrome.storage.local, and a connection test.
"use strict";

const $ = (id) => document.getElementById(id);

function show(text, ok) {
  $("result").textContent = text;
  $("result").className = ok ? "ok" : "error";
}

function entered() {
  return { serverUrl: fcCheckServerUrl($("serverUrl").value || FC_DEFAULTS.serverUrl), token: $("token").value.trim() };
}

$("save").addEventListener("click", async () => {
  try {
    const settings = entered();
    await chrome.storage.local.set(settings);
    $("serverUrl").value = settings.serverUrl;
    show("Saved.", true);
  } catch (e) {
    show(e.message, false);
  }
});

$("test").addEventListener("click", async () => {
  let settings;
  try {
    settings = entered();
  } catch (e) {
    return show(e.message, false);
  }
  show("Connecting…", true);
  const r = await fcApi("/v1/health", null, settings);
  if (!r.ok) return show(r.message, false);
  const d = r.data, c = d.corpus || {};
  show(`Connected: factcheck ${d.version}, ${c.documents ?? "?"} abstracts, ${c.sentences ?? "?"} sentences` +
       `${d.ready ? "" : " (still loading)"}.`, true);
});

fcLoadSettings().then((s) => {
  $("serverUrl").value = s.serverUrl;
  $("token").value = s.token;
});
