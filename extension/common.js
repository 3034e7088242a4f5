// Shared by the service worker, the popup and the options page: settings and the one
// function that talks to the server. Text goes only to the configured server, and the
// server must be on this machine (the manifest grants nothing else).
"use strict";

const FC_DEFAULTS = { serverUrl: "http://127.0.0.1:8765", token: "" };
const FC_PATHS = { "/v1/health": "GET", "/v1/claims": "POST", "/v1/check": "POST" };
const FC_TIMEOUT_MS = { "/v1/health": 5000, "/v1/claims": 30000, "/v1/check": 240000 };
const FC_LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

// The server URL, normalised, or an Error saying why it is not acceptable.
function fcCheckServerUrl(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch (e) {
    throw new Error("Not a URL: write it like http://127.0.0.1:8765");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("The server URL must start with http://");
  if (!FC_LOCAL_HOSTS.includes(url.hostname)) {
    throw new Error("The server must run on this computer (127.0.0.1 or localhost): article text is never sent elsewhere.");
  }
  return url.origin;
}

async function fcLoadSettings() {
  const stored = await chrome.storage.local.get(FC_DEFAULTS); // local, never sync: nothing leaves the machine
  return { serverUrl: stored.serverUrl || FC_DEFAULTS.serverUrl, token: stored.token || "" };
}

function fcStartHint(serverUrl) {
  let port = "8765";
  try { port = new URL(serverUrl).port || port; } catch (e) { /* keep the default */ }
  const flag = port === "8765" ? "" : ` --port ${port}`;
  return `The factcheck server is not running at ${serverUrl}. Start it in a terminal with "factcheck serve${flag}", then try again.`;
}

// Call the server. Resolves to {ok: true, data} or {ok: false, kind, status, message}; never throws.
async function fcApi(path, body, settings) {
  if (!(path in FC_PATHS)) return { ok: false, kind: "bug", message: `unknown server path ${path}` };
  settings = settings || (await fcLoadSettings());
  let base;
  try {
    base = fcCheckServerUrl(settings.serverUrl);
  } catch (e) {
    return { ok: false, kind: "config", message: e.message };
  }
  const headers = { "Content-Type": "application/json" };
  if (settings.token) headers["X-Factcheck-Token"] = settings.token;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FC_TIMEOUT_MS[path]);
  let response;
  try {
    response = await fetch(base + path, {
      method: FC_PATHS[path], headers, signal: controller.signal, credentials: "omit", cache: "no-store",
      body: FC_PATHS[path] === "POST" ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    clearTimeout(timer);
    if (e.name === "AbortError") return { ok: false, kind: "timeout", message: `The factcheck server at ${base} did not answer in time.` };
    return { ok: false, kind: "down", message: fcStartHint(base) };
  }
  clearTimeout(timer);
  let data = null;
  try { data = await response.json(); } catch (e) { /* not JSON: reported below */ }
  if (response.ok && data) return { ok: true, data, cache: response.headers.get("X-Cache") };
  const message = (data && data.message) || `The server answered HTTP ${response.status}.`;
  const kind = { 401: "token", 403: "forbidden", 413: "too-big", 503: "busy" }[response.status] || "error";
  const hint = kind === "token" ? " Set the server's token in the factcheck options." : "";
  return { ok: false, kind, status: response.status, message: message + hint };
}
