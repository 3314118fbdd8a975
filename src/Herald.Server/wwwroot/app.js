// The demo page: signs in as a user with a Development token, shows the connection's state,
// and sends notifications. The bell, badge, list and toasts are <herald-inbox>, from
// /lib/herald.js (built from clients/js).

const USER_KEY = "herald.user";
const SEND_FIELDS = ["recipient", "type", "title", "content", "link"];
const STATE_LABELS = {
  connected: "Connected",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  stopped: "Offline",
  signedout: "Not signed in",
};

const inbox = byId("inbox");
const ui = {
  connection: byId("connection"),
  connectionText: byId("connection-text"),
  whoami: byId("whoami"),
  whoamiAvatar: byId("whoami-avatar"),
  whoamiName: byId("whoami-name"),
  signinForm: byId("signin-form"),
  signinUser: byId("signin-user"),
  signinError: byId("signin-error"),
  accountState: byId("account-state"),
  accountUser: byId("account-user"),
  signout: byId("signout"),
  sendForm: byId("send-form"),
  sendFields: byId("send-fields"),
  sendButton: byId("send-button"),
  sendResult: byId("send-result"),
};

// One session per sign-in; an older one's late answers check this and do nothing.
let session = null;

await customElements.whenDefined("herald-inbox");
ui.signinForm.addEventListener("submit", onSignInSubmit);
ui.signout.addEventListener("click", signOut);
ui.sendForm.addEventListener("submit", onSendSubmit);
inbox.addEventListener("herald-connection", (event) => showConnection(event.detail.state));
inbox.addEventListener("herald-open", onOpen);

const params = new URLSearchParams(location.search);
const startUser = (params.get("user") ?? sessionStorage.getItem(USER_KEY) ?? "").trim();

if (startUser) {
  ui.signinUser.value = startUser;
  await signIn(startUser);
}

// ---- Signing in ----

function onSignInSubmit(event) {
  event.preventDefault();
  const user = ui.signinUser.value.trim();

  if (!user) {
    ui.signinError.textContent = "Enter a user name.";
    return;
  }

  void signIn(user);
}

async function signIn(user) {
  const current = { user, token: null, expiresAt: 0 };
  session = current;
  ui.signinError.textContent = "";
  showConnection("connecting");

  try {
    await refreshToken(current);
    await inbox.connect({ user, accessToken: () => tokenFor(current) });
  } catch (error) {
    if (session === current) {
      signOut();
      ui.signinError.textContent = `Could not sign in: ${error.message}`;
    }

    return;
  }

  if (session !== current) {
    return;
  }

  sessionStorage.setItem(USER_KEY, user);
  rememberUserInUrl(user);
  showSignedIn(user);
}

function signOut() {
  session = null;
  inbox.disconnect();
  sessionStorage.removeItem(USER_KEY);
  rememberUserInUrl(null);
  showSignedOut();
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
  inbox.hidden = false;
  ui.whoami.hidden = false;
  ui.whoamiName.textContent = user;
  paintAvatar(ui.whoamiAvatar, user);
  ui.accountState.hidden = false;
  ui.accountUser.textContent = user;
  ui.sendFields.disabled = false;
  byId("send-recipient").value = user === "bob" ? "alice" : "bob";
  clearSendMessages();
}

function showSignedOut() {
  inbox.hidden = true;
  ui.whoami.hidden = true;
  ui.accountState.hidden = true;
  ui.sendFields.disabled = true;
  showConnection("signedout");
  clearSendMessages();
}

function showConnection(state) {
  ui.connection.dataset.state = state;
  ui.connectionText.textContent = STATE_LABELS[state] ?? state;
}

// ---- Tokens ----

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
  s.expiresAt = expiryOf(token);
  return token;
}

// A minute of margin, so that a token does not expire on its way to the server.
function tokenFor(s) {
  return s.token && Date.now() < s.expiresAt - 60_000 ? s.token : refreshToken(s);
}

function expiryOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).exp * 1000;
  } catch {
    return 0;
  }
}

async function problemText(response) {
  try {
    const problem = await response.json();
    return Object.values(problem.errors ?? {})[0]?.[0] ?? problem.title ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

// ---- Links ----

// A path belongs to the application that sent the notification, which this demo stands in
// for: its landing page says where the link leads. URLs are followed as they are.
function onOpen(event) {
  const { link } = event.detail;

  if (link?.startsWith("/")) {
    event.preventDefault();
    location.assign(`/link.html?path=${encodeURIComponent(link)}`);
  }
}

// ---- Sending ----

async function onSendSubmit(event) {
  event.preventDefault();
  const s = session;

  if (!s) {
    return;
  }

  clearSendMessages();
  ui.sendButton.disabled = true;

  try {
    const response = await fetch("/api/notifications", {
      method: "POST",
      headers: { Authorization: `Bearer ${await tokenFor(s)}`, "Content-Type": "application/json" },
      body: JSON.stringify({ notifications: [sendFormValue()] }),
    });
    await showSendOutcome(response);
  } catch (error) {
    showSendResult(`Not sent: ${error.message}`, true);
  } finally {
    ui.sendButton.disabled = false;
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
    // The recipient and type stay for the next one; the message itself is sent and goes.
    for (const field of ["title", "content", "link"]) {
      byId(`send-${field}`).value = "";
    }

    showSendResult("Sent", false);
    return;
  }

  const problem = await response.json().catch(() => ({}));
  const unplaced = [];

  for (const [key, messages] of Object.entries(problem.errors ?? {})) {
    const field = key.match(/^notifications\[0\]\.(\w+)$/)?.[1];

    if (SEND_FIELDS.includes(field)) {
      byId(`send-${field}`).setAttribute("aria-invalid", "true");
      byId(`send-${field}-error`).textContent = messages.join(" ");
    } else {
      unplaced.push(...messages);
    }
  }

  showSendResult([problem.title ?? `Not sent (HTTP ${response.status}).`, ...unplaced].join(" "), true);
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

function paintAvatar(avatar, name) {
  let hue = 0;

  for (const char of name) {
    hue = (hue * 31 + char.codePointAt(0)) % 360;
  }

  avatar.textContent = (Array.from(name)[0] ?? "?").toLocaleUpperCase();
  avatar.style.setProperty("--avatar-hue", String(hue));
}

function byId(id) {
  return document.getElementById(id);
}
