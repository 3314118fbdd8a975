"use strict";

const PAGE_SIZE = 20;
const TOAST_MS = 6000;
const CLOCK_MS = 30000;
const RESTART_MS = 15000;
const MAX_TOASTS = 4;
const USER_KEY = "herald.user";
const SEND_FIELDS = ["recipient", "type", "title", "content", "link"];

const ui = {
  connection: byId("connection"),
  connectionText: byId("connection-text"),
  whoami: byId("whoami"),
  whoamiAvatar: byId("whoami-avatar"),
  whoamiName: byId("whoami-name"),
  bellWrap: byId("bell-wrap"),
  bell: byId("bell"),
  badge: byId("badge"),
  badgeCount: byId("badge-count"),
  panel: byId("panel"),
  panelMessage: byId("panel-message"),
  markAll: byId("mark-all"),
  list: byId("list"),
  empty: byId("empty"),
  panelFoot: byId("panel-foot"),
  loadMore: byId("load-more"),
  signinForm: byId("signin-form"),
  signinUser: byId("signin-user"),
  signinError: byId("signin-error"),
  accountState: byId("account-state"),
  accountUser: byId("account-user"),
  signout: byId("signout"),
  sendForm: byId("send-form"),
  sendFields: byId("send-fields"),
  sendResult: byId("send-result"),
  toasts: byId("toasts"),
};

// One session per sign-in; callbacks of an older session check this and do nothing.
let session = null;

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const TIME_UNITS = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

init();

function init() {
  ui.signinForm.addEventListener("submit", onSignInSubmit);
  ui.signout.addEventListener("click", signOut);
  ui.bell.addEventListener("click", togglePanel);
  ui.markAll.addEventListener("click", markAllRead);
  ui.loadMore.addEventListener("click", loadMore);
  ui.sendForm.addEventListener("submit", onSendSubmit);
  document.addEventListener("keydown", onDocumentKeyDown);
  document.addEventListener("pointerdown", onDocumentPointerDown);
  ui.bellWrap.addEventListener("focusout", onBellFocusOut);
  setInterval(refreshTimes, CLOCK_MS);

  const params = new URLSearchParams(location.search);
  const user = (params.get("user") ?? sessionStorage.getItem(USER_KEY) ?? "").trim();

  if (user) {
    ui.signinUser.value = user;
    signIn(user, { openPanel: params.get("open") === "1" });
  }
}

// ---- Sign-in ----

function onSignInSubmit(event) {
  event.preventDefault();
  const user = ui.signinUser.value.trim();

  if (!user) {
    ui.signinError.textContent = "Enter a user name.";
    return;
  }

  signIn(user, { openPanel: false });
}

async function signIn(user, { openPanel }) {
  endSession();
  ui.signinError.textContent = "";
  const current = newSession(user);

  try {
    await refreshToken(current);
  } catch (error) {
    if (isCurrent(current)) {
      session = null;
      showSignedOut();
      ui.signinError.textContent = `Could not sign in: ${error.message}`;
    }
    return;
  }

  if (!isCurrent(current)) {
    return;
  }

  sessionStorage.setItem(USER_KEY, user);
  rememberUserInUrl(user);
  showSignedIn(user);
  connect(current);

  // The hub sends the count on connect too; the versions sort out which one is newer.
  refreshCount(current);
  await loadFirstPage(current);

  if (openPanel && isCurrent(current)) {
    showPanel();
  }
}

function signOut() {
  endSession();
  sessionStorage.removeItem(USER_KEY);
  rememberUserInUrl(null);
  showSignedOut();
}

function newSession(user) {
  session = {
    user,
    token: null,
    tokenFetchedAt: 0,
    tokenExpiresAt: 0,
    connection: null,
    restartTimer: 0,
    items: [],
    byId: new Map(),
    elements: new Map(),
    nextCursor: null,
    countVersion: -1,
    unread: 0,
  };
  return session;
}

function endSession() {
  const old = session;
  session = null;

  if (!old) {
    return;
  }

  clearTimeout(old.restartTimer);
  old.connection?.stop();
  hidePanel({ returnFocus: false });
  ui.list.replaceChildren();
  ui.toasts.replaceChildren();
  renderBadge(0);
  setConnectionState("signedout");
}

function isCurrent(s) {
  return s !== null && s === session;
}

// A switched user must survive a reload even when the page was opened with ?user=.
function rememberUserInUrl(user) {
  const url = new URL(location.href);

  if (!url.searchParams.has("user")) {
    return;
  }

  if (user) {
    url.searchParams.set("user", user);
  } else {
    url.searchParams.delete("user");
  }

  history.replaceState(null, "", url);
}

function showSignedIn(user) {
  ui.whoami.hidden = false;
  ui.whoamiName.textContent = user;
  paintAvatar(ui.whoamiAvatar, user);
  ui.accountState.hidden = false;
  ui.accountUser.textContent = user;
  ui.bell.disabled = false;
  ui.sendFields.disabled = false;
  byId("send-recipient").value = user === "bob" ? "alice" : "bob";
  clearSendMessages();
}

function showSignedOut() {
  ui.whoami.hidden = true;
  ui.accountState.hidden = true;
  ui.bell.disabled = true;
  ui.sendFields.disabled = true;
  clearSendMessages();
}

// ---- Tokens and HTTP ----

async function refreshToken(s) {
  const response = await fetch("/dev/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: s.user }),
  });

  if (!response.ok) {
    throw new Error(await problemText(response));
  }

  const { token } = await response.json();
  s.token = token;
  s.tokenFetchedAt = Date.now();
  s.tokenExpiresAt = expiryOf(token);
  return token;
}

async function tokenFor(s) {
  // A minute of margin so a token does not expire on its way to the server.
  if (s.token && Date.now() < s.tokenExpiresAt - 60000) {
    return s.token;
  }

  return refreshToken(s);
}

// The hub asks for a token on each (re)connect attempt, twice (negotiate, then the socket).
// A token fetched for the attempt is never one from before a development server restart,
// which signs with a new key; the second ask shares it.
async function hubToken(s) {
  return s.token && Date.now() - s.tokenFetchedAt < 5000 ? s.token : refreshToken(s);
}

function expiryOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).exp * 1000;
  } catch {
    return 0;
  }
}

async function api(s, method, path, body) {
  let response = await send(s, method, path, body);

  // The token may have expired between the check and the server; one fresh try is enough.
  if (response.status === 401) {
    await refreshToken(s);
    response = await send(s, method, path, body);
  }

  return response;
}

async function send(s, method, path, body) {
  const headers = { Authorization: `Bearer ${await tokenFor(s)}` };

  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }

  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function apiJson(s, method, path, body) {
  const response = await api(s, method, path, body);

  if (!response.ok) {
    throw new Error(await problemText(response));
  }

  return response.json();
}

async function problemText(response) {
  try {
    const problem = await response.json();
    const first = Object.values(problem.errors ?? {})[0]?.[0];
    return first ?? problem.title ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

// ---- Hub connection ----

function connect(s) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/notifications", { accessTokenFactory: () => hubToken(s) })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  connection.on("notification", (n) => isCurrent(s) && onNotification(s, n));
  connection.on("unreadCount", (count) => isCurrent(s) && applyCount(s, count));
  connection.on("stateChanged", (change) => isCurrent(s) && onStateChanged(s, change));
  connection.onreconnecting(() => isCurrent(s) && setConnectionState("reconnecting"));
  connection.onreconnected(() => isCurrent(s) && onConnectionBack(s));
  connection.onclose(() => isCurrent(s) && onConnectionLost(s));

  s.connection = connection;
  startConnection(s, false);
}

async function startConnection(s, isRestart) {
  setConnectionState("connecting");

  try {
    await s.connection.start();
  } catch {
    if (isCurrent(s)) {
      onConnectionLost(s);
    }
    return;
  }

  if (!isCurrent(s)) {
    return;
  }

  if (isRestart) {
    onConnectionBack(s);
  } else {
    setConnectionState("connected");
  }
}

// Pushes sent while the connection was away are lost, so the first page is read again.
function onConnectionBack(s) {
  setConnectionState("connected");
  loadFirstPage(s);
}

// Automatic reconnects have given up, or the first start failed: keep trying, more slowly.
function onConnectionLost(s) {
  setConnectionState("offline");
  refreshCount(s);
  clearTimeout(s.restartTimer);
  s.restartTimer = setTimeout(() => isCurrent(s) && startConnection(s, true), RESTART_MS);
}

function isConnected(s) {
  return s.connection?.state === signalR.HubConnectionState.Connected;
}

function setConnectionState(state) {
  const labels = {
    connected: "Connected",
    connecting: "Connecting…",
    reconnecting: "Reconnecting…",
    offline: "Offline",
    signedout: "Not signed in",
  };

  ui.connection.dataset.state = state;
  ui.connectionText.textContent = labels[state];
}

// ---- Pushes ----

function onNotification(s, n) {
  if (s.byId.has(n.id)) {
    return;
  }

  addItems(s, [n]);
  renderList(s);
  showToast(s, n);
}

function applyCount(s, count) {
  // Counts can arrive out of order; the version says which one is newer.
  if (count.version < s.countVersion) {
    return;
  }

  s.countVersion = count.version;
  s.unread = count.total;
  renderBadge(count.total);
}

// Which field of a notification each state change writes.
const STATE_FIELDS = {
  read: "readAt",
  unread: "readAt",
  seen: "seenAt",
  archived: "archivedAt",
  unarchived: "archivedAt",
};

function onStateChanged(s, change) {
  const field = STATE_FIELDS[change.state];

  // A state added by a newer server: the next reload of the page shows it.
  if (!field) {
    return;
  }

  const clears = change.state === "unread" || change.state === "unarchived";
  const value = clears ? null : change.at ?? new Date().toISOString();

  // "all" stops at `through`: a notification that arrived after the change keeps its state.
  const targets = change.all
    ? s.items.filter((n) => n.position <= change.through && (!change.type || n.type === change.type))
    : change.ids.map((id) => s.byId.get(id)).filter((n) => n !== undefined);

  // Setting a time again keeps the first one, as the server does.
  for (const n of targets) {
    if (clears || n[field] === null) {
      n[field] = value;
    }
  }

  if (change.state === "unarchived") {
    // Restored ones go back to their place in the list, which may be on a page not loaded.
    loadFirstPage(s);
    return;
  }

  if (change.state === "archived") {
    for (const n of targets) {
      s.byId.delete(n.id);
    }

    s.items = s.items.filter((n) => s.byId.has(n.id));
  }

  renderList(s);
}

function setReadState(s, id, readAt) {
  const n = s.byId.get(id);

  // Marking read again keeps the first read time, as the server does.
  if (n && (readAt === null || n.readAt === null)) {
    n.readAt = readAt;
  }
}

async function refreshCount(s) {
  try {
    const count = await apiJson(s, "GET", "/api/notifications/unread-count");

    if (isCurrent(s)) {
      applyCount(s, count);
    }
  } catch {
    // The badge keeps its last value; the next push or reconnect corrects it.
  }
}

// ---- Loading pages ----

async function loadFirstPage(s) {
  showPanelMessage(s.items.length === 0 ? "Loading…" : "");

  try {
    const page = await apiJson(s, "GET", `/api/notifications?limit=${PAGE_SIZE}`);

    if (!isCurrent(s)) {
      return;
    }

    // Pushes that came in while the page was on its way are newer than the page: keep them.
    const newest = page.items[0]?.position ?? 0;
    const live = s.items.filter((n) => n.position > newest);
    s.items = [];
    s.byId.clear();
    addItems(s, [...live, ...page.items]);
    s.nextCursor = page.nextCursor;
    showPanelMessage("");
    renderList(s);
  } catch (error) {
    if (isCurrent(s)) {
      showPanelMessage(`Could not load notifications: ${error.message}`, true);
    }
  }
}

async function loadMore() {
  const s = session;

  if (!s?.nextCursor) {
    return;
  }

  ui.loadMore.disabled = true;

  try {
    const cursor = encodeURIComponent(s.nextCursor);
    const page = await apiJson(s, "GET", `/api/notifications?limit=${PAGE_SIZE}&before=${cursor}`);

    if (isCurrent(s)) {
      addItems(s, page.items);
      s.nextCursor = page.nextCursor;
      renderList(s);
    }
  } catch (error) {
    showPanelMessage(`Could not load more: ${error.message}`, true);
  } finally {
    ui.loadMore.disabled = false;
  }
}

function addItems(s, items) {
  for (const n of items) {
    if (!s.byId.has(n.id)) {
      n.readAt ??= null;
      n.seenAt ??= null;
      n.archivedAt ??= null;
      s.byId.set(n.id, n);
      s.items.push(n);
    }
  }

  s.items.sort((a, b) => b.position - a.position);
}

// ---- Read state actions ----

async function openItem(id, event) {
  const s = session;
  const n = s?.byId.get(id);

  if (!n) {
    return;
  }

  const link = followableLink(n.link);
  const elsewhere = event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1;

  if (link && !elsewhere) {
    event.preventDefault();
  }

  if (n.readAt === null) {
    await changeReadState(s, [id], true);
  }

  if (link && !elsewhere) {
    location.assign(link);
  }
}

function toggleRead(id) {
  const s = session;
  const n = s?.byId.get(id);

  if (n) {
    changeReadState(s, [id], n.readAt === null);
  }
}

async function changeReadState(s, ids, read) {
  const before = ids.map((id) => [id, s.byId.get(id)?.readAt ?? null]);

  // Shown at once; the server's stateChanged push confirms it in every tab.
  for (const id of ids) {
    setReadState(s, id, read ? new Date().toISOString() : null);
  }

  renderList(s);

  try {
    await apiJson(s, "POST", `/api/notifications/${read ? "read" : "unread"}`, { ids });
    afterChange(s);
  } catch (error) {
    for (const [id, readAt] of before) {
      const n = s.byId.get(id);

      if (n) {
        n.readAt = readAt;
      }
    }

    renderList(s);
    showPanelMessage(`Could not save: ${error.message}`, true);
  }
}

async function markAllRead() {
  const s = session;

  if (!s) {
    return;
  }

  const now = new Date().toISOString();
  const unread = s.items.filter((n) => n.readAt === null);
  unread.forEach((n) => (n.readAt = now));
  renderList(s);

  try {
    await apiJson(s, "POST", "/api/notifications/read", { all: true });
    afterChange(s);
  } catch (error) {
    unread.forEach((n) => (n.readAt = null));
    renderList(s);
    showPanelMessage(`Could not save: ${error.message}`, true);
  }
}

// Without a connection no count is pushed, so ask for it.
function afterChange(s) {
  showPanelMessage("");

  if (isCurrent(s) && !isConnected(s)) {
    refreshCount(s);
  }
}

// ---- Rendering the list ----

function renderList(s) {
  if (!isCurrent(s)) {
    return;
  }

  for (const [id, element] of s.elements) {
    if (!s.byId.has(id)) {
      element.remove();
      s.elements.delete(id);
    }
  }

  // Elements already in place are not moved, so a focused item keeps its focus.
  s.items.forEach((n, index) => {
    const element = s.elements.get(n.id) ?? createItem(s, n);
    const present = ui.list.children[index];

    if (present !== element) {
      ui.list.insertBefore(element, present ?? null);
    }

    updateItem(element, n);
  });

  ui.empty.hidden = s.items.length > 0 || ui.panelMessage.textContent !== "";
  ui.panelFoot.hidden = !s.nextCursor;
  updateMarkAll(s);
}

function updateMarkAll(s) {
  ui.markAll.disabled = s.unread === 0 && !s.items.some((n) => n.readAt === null);
}

function createItem(s, n) {
  const item = element("li", "item");
  const link = followableLink(n.link);
  const main = element(link ? "a" : "button", "item-main");

  if (link) {
    main.href = link;
  } else {
    main.type = "button";
  }

  main.append(avatarFor(n.sender), itemBody(n));
  main.addEventListener("click", (event) => openItem(n.id, event));

  // A middle click opens the link in a new tab; it still counts as reading the item.
  main.addEventListener("auxclick", (event) => event.button === 1 && openItem(n.id, event));

  const toggle = element("button", "item-toggle");
  toggle.type = "button";
  toggle.append(element("span", "item-toggle-dot"));
  toggle.addEventListener("click", () => toggleRead(n.id));

  item.dataset.id = n.id;
  item.append(main, toggle);
  s.elements.set(n.id, item);
  return item;
}

function itemBody(n) {
  const body = element("span", "item-body");
  body.append(element("span", "sr-only item-state"));

  if (n.title) {
    body.append(element("span", "item-title", n.title, true));
  }

  // Without a title the content leads, styled as the title would be.
  if (n.content) {
    body.append(element("span", n.title ? "item-content" : "item-content item-lead", n.content, true));
  }

  const meta = element("span", "item-meta");
  meta.append(
    element("span", "item-sender", n.sender, true),
    element("span", "item-type", n.type, true),
    timeElement(n.createdAt),
  );
  body.append(meta);
  return body;
}

function updateItem(item, n) {
  const unread = n.readAt === null;
  const toggle = item.querySelector(".item-toggle");
  const label = unread ? "Mark read" : "Mark unread";

  item.classList.toggle("is-unread", unread);
  item.querySelector(".item-state").textContent = unread ? "Unread: " : "";
  toggle.setAttribute("aria-label", label);
  toggle.title = label;
}

function timeElement(iso) {
  const time = element("time", "item-time");
  time.dateTime = iso;
  time.title = dateFormat.format(new Date(iso));
  time.textContent = relativeTime(iso);
  return time;
}

function refreshTimes() {
  for (const time of document.querySelectorAll("time[datetime]")) {
    time.textContent = relativeTime(time.dateTime);
  }
}

function relativeTime(iso) {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;

  for (const [unit, size] of TIME_UNITS) {
    if (Math.abs(seconds) >= size) {
      return relativeFormat.format(Math.trunc(seconds / size), unit);
    }
  }

  return relativeFormat.format(0, "second");
}

function showPanelMessage(text, isError = false) {
  ui.panelMessage.textContent = text;
  ui.panelMessage.classList.toggle("is-error", isError);
  ui.panelMessage.hidden = text === "";

  if (session) {
    ui.empty.hidden = session.items.length > 0 || text !== "";
  }
}

// ---- Badge ----

function renderBadge(total) {
  ui.badge.hidden = total <= 0;
  ui.badgeCount.textContent = total > 99 ? "99+" : String(total);
  document.title = total > 0 ? `(${ui.badgeCount.textContent}) Herald` : "Herald";

  if (session) {
    updateMarkAll(session);
  }
}

// ---- Panel ----

function togglePanel() {
  if (ui.panel.hidden) {
    showPanel();
  } else {
    hidePanel({ returnFocus: true });
  }
}

function showPanel() {
  ui.panel.hidden = false;
  ui.bell.setAttribute("aria-expanded", "true");
  refreshTimes();
  ui.panel.focus();
}

function hidePanel({ returnFocus }) {
  if (ui.panel.hidden) {
    return;
  }

  ui.panel.hidden = true;
  ui.bell.setAttribute("aria-expanded", "false");

  if (returnFocus) {
    ui.bell.focus();
  }
}

function onDocumentKeyDown(event) {
  if (event.key === "Escape" && !ui.panel.hidden) {
    hidePanel({ returnFocus: true });
  }
}

function onDocumentPointerDown(event) {
  if (!ui.panel.hidden && !ui.bellWrap.contains(event.target)) {
    hidePanel({ returnFocus: false });
  }
}

function onBellFocusOut(event) {
  // Tabbing out of the panel closes it; a click outside is handled on pointerdown.
  if (event.relatedTarget && !ui.bellWrap.contains(event.relatedTarget)) {
    hidePanel({ returnFocus: false });
  }
}

// ---- Toasts ----

function showToast(s, n) {
  const toast = element("div", "toast");
  const open = element("button", "toast-main");
  open.type = "button";
  open.append(avatarFor(n.sender), toastBody(n));
  open.addEventListener("click", () => {
    toast.remove();
    showPanel();
  });

  const close = element("button", "toast-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Dismiss");
  close.addEventListener("click", () => toast.remove());

  toast.append(open, close);
  ui.toasts.append(toast);

  while (ui.toasts.children.length > MAX_TOASTS) {
    ui.toasts.firstElementChild.remove();
  }

  scheduleToastHide(toast);
}

function toastBody(n) {
  const body = element("span", "toast-body");
  body.append(element("span", "toast-sender", `New ${n.type} from ${n.sender}`, true));

  if (n.title) {
    body.append(element("span", "toast-title", n.title, true));
  }

  if (n.content) {
    body.append(element("span", "toast-content", n.content, true));
  }

  return body;
}

// Hovering or focusing a toast holds it, so it can be read before it goes.
function scheduleToastHide(toast) {
  let timer = setTimeout(() => toast.remove(), TOAST_MS);
  const hold = () => clearTimeout(timer);
  const release = () => {
    clearTimeout(timer);
    timer = setTimeout(() => toast.remove(), TOAST_MS / 2);
  };

  toast.addEventListener("mouseenter", hold);
  toast.addEventListener("focusin", hold);
  toast.addEventListener("mouseleave", release);
  toast.addEventListener("focusout", release);
}

// ---- Send form ----

async function onSendSubmit(event) {
  event.preventDefault();
  const s = session;

  if (!s) {
    return;
  }

  clearSendMessages();
  const button = byId("send-button");
  button.disabled = true;

  try {
    const response = await api(s, "POST", "/api/notifications", { notifications: [sendFormValue()] });
    await showSendOutcome(response);
  } catch (error) {
    showSendResult(`Not sent: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
}

function sendFormValue() {
  const notification = {};

  for (const field of SEND_FIELDS) {
    const value = byId(`send-${field}`).value.trim();

    if (value) {
      notification[field] = value;
    }
  }

  return notification;
}

async function showSendOutcome(response) {
  if (response.status === 202) {
    showSendResult("Sent", false);
    return;
  }

  const problem = await response.json().catch(() => ({}));
  const unplaced = [];

  for (const [key, messages] of Object.entries(problem.errors ?? {})) {
    const field = key.match(/^notifications\[0\]\.(\w+)$/)?.[1];

    if (SEND_FIELDS.includes(field)) {
      showFieldError(field, messages.join(" "));
    } else {
      unplaced.push(...messages);
    }
  }

  const summary = [problem.title ?? `Not sent (HTTP ${response.status}).`, ...unplaced].join(" ");
  showSendResult(summary, true);
}

function showFieldError(field, text) {
  byId(`send-${field}`).setAttribute("aria-invalid", "true");
  byId(`send-${field}-error`).textContent = text;
}

function showSendResult(text, isError) {
  ui.sendResult.textContent = text;
  ui.sendResult.classList.toggle("is-error", isError);
  ui.sendResult.classList.toggle("is-success", !isError);
}

function clearSendMessages() {
  for (const field of SEND_FIELDS) {
    byId(`send-${field}`).removeAttribute("aria-invalid");
    byId(`send-${field}-error`).textContent = "";
  }

  ui.sendResult.textContent = "";
}

// ---- Small helpers ----

// The server checks links already; this keeps the page safe should one slip through.
function followableLink(link) {
  if (typeof link !== "string") {
    return null;
  }

  const isPath = link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\");

  // A path belongs to the application that sent the notification, which this demo stands in
  // for: its landing page says where the link leads.
  if (isPath) {
    return `/link.html?path=${encodeURIComponent(link)}`;
  }

  return /^https?:\/\//i.test(link) ? link : null;
}

// Notification text only ever goes in as text, never as markup.
function element(tag, className, text, isUserText = false) {
  const node = document.createElement(tag);
  node.className = className;

  if (text !== undefined) {
    node.textContent = text;
  }

  if (isUserText) {
    node.dir = "auto";
  }

  return node;
}

function avatarFor(name) {
  const avatar = element("span", "avatar");
  avatar.setAttribute("aria-hidden", "true");
  paintAvatar(avatar, name);
  return avatar;
}

function paintAvatar(avatar, name) {
  const first = Array.from(name ?? "?")[0] ?? "?";
  let hash = 0;

  for (const char of name ?? "") {
    hash = (hash * 31 + char.codePointAt(0)) % 360;
  }

  avatar.textContent = first.toLocaleUpperCase();
  avatar.style.setProperty("--avatar-hue", String(hash));
}

function byId(id) {
  return document.getElementById(id);
}
