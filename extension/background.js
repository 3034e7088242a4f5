// The service worker: menus and shortcut, injecting the content script on demand, and the
// only place that talks to the server for a page (a content script's own fetch would carry
// the page's origin, which the server rightly refuses).
"use strict";
importScripts("common.js");

const MENUS = [
  { id: "fc-page", title: "Check this page", contexts: ["page"] },
  { id: "fc-selection", title: "Check selection", contexts: ["selection"] },
  { id: "fc-editable", title: "Check this text box", contexts: ["editable"] },
];
const MODES = { "fc-page": "page", "fc-selection": "selection", "fc-editable": "editable" };

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => MENUS.forEach((m) => chrome.contextMenus.create(m)));
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (tab && MODES[info.menuItemId]) runInTab(tab.id, MODES[info.menuItemId], info.frameId || 0);
});

chrome.commands.onCommand.addListener((command, tab) => {
  if (command === "check-page" && tab) runInTab(tab.id, "page");
});

// The content script is injected only when the user asks for a check (activeTab), never on every page.
async function ensureInjected(tabId, frameId = 0) {
  try {
    const pong = await chrome.tabs.sendMessage(tabId, { type: "fc-ping" }, { frameId });
    if (pong && pong.ok) return;
  } catch (e) { /* not injected yet */ }
  const target = { tabId, frameIds: [frameId] };
  await chrome.scripting.insertCSS({ target, files: ["content.css"] });
  await chrome.scripting.executeScript({ target, files: ["content.js"] });
}

async function runInTab(tabId, mode, frameId = 0) {
  try {
    await ensureInjected(tabId, frameId);
  } catch (e) {
    return { state: "error", message: `factcheck cannot read this page (${e.message}). Browser pages and the web store cannot be checked.` };
  }
  return chrome.tabs.sendMessage(tabId, { type: "fc-run", mode }, { frameId });
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false; // only our own content script and pages
  if (msg.type === "fc-api") {
    fcApi(msg.path, msg.body).then(sendResponse);
    return true;
  }
  const fromExtensionPage = (sender.url || "").startsWith(chrome.runtime.getURL(""));
  if (msg.type === "fc-run" && fromExtensionPage) { // from the popup (a page of ours, not a content script)
    runInTab(msg.tabId, msg.mode || "page").then(sendResponse,
      (e) => sendResponse({ state: "error", message: String(e.message || e) }));
    return true;
  }
  return false;
});
