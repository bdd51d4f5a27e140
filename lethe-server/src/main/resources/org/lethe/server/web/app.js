// The service's page: reads the API with the token typed in (kept in this tab's session storage only).
"use strict";
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("lethe-token") || "";
let selected = null;

async function api(path, options = {}) {
  const headers = { "Authorization": "Bearer " + token };
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { ...options, headers });
  const text = await response.text();
  if (!response.ok) {
    let error = text;
    try { error = JSON.parse(text).error; } catch (e) { /* not JSON */ }
    throw new Error(response.status + ": " + error);
  }
  return text;
}

function show(message) { $("message").textContent = message || ""; }

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
  return td;
}

async function loadRequests() {
  const state = $("filter").value;
  const list = JSON.parse(await api("/v1/deletion-requests" + (state ? "?status=" + encodeURIComponent(state) : "")));
  const body = $("requests").querySelector("tbody");
  body.innerHTML = "";
  for (const r of list) {
    const row = document.createElement("tr");
    row.dataset.id = r.id;
    if (r.id === selected) row.className = "selected";
    cell(row, r.id);
    cell(row, r.subject || (r.example_ids || []).join(", "));
    cell(row, r.models.join(", "));
    cell(row, r.status).className = "state";
    cell(row, r.created_at);
    cell(row, r.expected_by);
    const open = document.createElement("button");
    open.textContent = "Open";
    open.className = "open";
    open.onclick = () => openRequest(r.id);
    row.appendChild(document.createElement("td")).appendChild(open);
    body.appendChild(row);
  }
}

async function openRequest(id) {
  selected = id;
  const r = JSON.parse(await api("/v1/deletion-requests/" + encodeURIComponent(id)));
  $("detail").hidden = false;
  $("detail-id").textContent = r.id + " (" + r.status + ")";
  const timeline = $("timeline");
  timeline.innerHTML = "";
  for (const e of r.events) {
    const li = document.createElement("li");
    li.textContent = e.at + "  " + e.state + "  by " + e.actor + (e.detail ? " (" + e.detail + ")" : "") + "  [ledger entry " + e.leaf_index + "]";
    timeline.appendChild(li);
  }
  $("certificate").textContent = "";
  if (r.status === "certified") {
    $("certificate").textContent = await api("/v1/deletion-requests/" + encodeURIComponent(id) + "/certificate");
  }
  await loadRequests();
}

async function review(approve) {
  if (!selected) return;
  const body = { ids: [selected] };
  if (!approve) body.reason = $("deny-reason").value;
  const result = JSON.parse(await api("/v1/deletion-requests/" + (approve ? "approve" : "deny"),
    { method: "POST", body: JSON.stringify(body) }));
  const item = result.results[0];
  show(item.ok ? "" : item.error);
  await openRequest(selected);
}

async function loadCheckpoint() {
  try { $("checkpoint").textContent = await api("/v1/ledger/checkpoint"); }
  catch (e) { $("checkpoint").textContent = "(" + e.message + ")"; }
}

async function loadModels() {
  const models = JSON.parse(await api("/v1/models"));
  const box = $("models");
  box.innerHTML = "";
  for (const m of models) {
    const h = document.createElement("h3");
    h.textContent = m.id + ": current " + m.current + " (" + m.method + ", " + (m.exact ? "exact" : "approximate") + ")";
    box.appendChild(h);
    const ul = document.createElement("ul");
    for (const v of m.versions) {
      const li = document.createElement("li");
      li.textContent = v.name + " from " + v.parent + " at " + v.created_at + ": " + v.requests.length + " request(s) " + v.requests.join(", ");
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }
}

async function refresh() {
  show("");
  try {
    const me = JSON.parse(await api("/v1/whoami"));
    $("who").textContent = me.name + " (" + me.scopes.join(", ") + ")";
    await loadRequests();
    await loadModels();
    await loadCheckpoint();
  } catch (e) {
    show(e.message);
  }
}

$("login").onsubmit = (event) => {
  event.preventDefault();
  token = $("token").value.trim();
  sessionStorage.setItem("lethe-token", token);
  refresh();
};
$("refresh").onclick = refresh;
$("filter").onchange = refresh;
$("approve").onclick = () => review(true).catch((e) => show(e.message));
$("deny").onclick = () => review(false).catch((e) => show(e.message));
if (token) refresh();
