/**
 * Local console page ("本地调试台"): a single self-contained HTML page that lets
 * someone talk to the bot without any Telegram / Feishu account.
 *
 * Served at `GET /dev` (route wired elsewhere). The page talks to:
 *   POST /dev/messages                      {chatId, userId, userName, text}
 *                                           {chatId, userId, userName, button}
 *        -> { replies: OutView[], duplicate?: boolean } | { error } (4xx)
 *   GET  /dev/messages?chatId=..&after=N    -> { messages: OutView[] }
 *
 * No external resources whatsoever (the machine has no network): inline CSS,
 * inline vanilla JS, system fonts only. The directory is embedded as JSON in a
 * non-executable <script type="application/json"> block, escaped so that no
 * data can terminate the block; every piece of data reaches the DOM through
 * textContent only.
 */

export interface ConsoleChat {
  chatId: string;
  title: string;
  purpose: string;
  regionName: string;
}

export interface ConsoleUser {
  userId: string;
  userName: string;
  roleLabel: string;
}

export interface ConsoleDirectory {
  chats: ConsoleChat[];
  users: ConsoleUser[];
}

/** JSON that is safe to place verbatim inside a <script> element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

/** Keep only the declared fields, coerced to strings. */
function normalizeDirectory(directory: ConsoleDirectory): ConsoleDirectory {
  const chats = Array.isArray(directory?.chats) ? directory.chats : [];
  const users = Array.isArray(directory?.users) ? directory.users : [];
  return {
    chats: chats.map((c) => ({
      chatId: str(c?.chatId),
      title: str(c?.title),
      purpose: str(c?.purpose),
      regionName: str(c?.regionName),
    })),
    users: users.map((u) => ({
      userId: str(u?.userId),
      userName: str(u?.userName),
      roleLabel: str(u?.roleLabel),
    })),
  };
}

const CSS = String.raw`
:root {
  --bg: #eef1f5;
  --panel: #ffffff;
  --line: #d9dee6;
  --text: #1f2733;
  --muted: #7a8494;
  --accent: #1f6f5c;
  --accent-soft: #e3f1ec;
  --me: #d8efe6;
  --bot: #ffffff;
  --danger: #c62828;
  --danger-soft: #fdecec;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  background: var(--bg);
  color: var(--text);
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "Segoe UI", Roboto, sans-serif;
  font-size: 15px;
  line-height: 1.5;
}
.app {
  display: flex;
  flex-direction: column;
  height: 100vh;
  height: 100dvh;
  max-width: 860px;
  margin: 0 auto;
  background: var(--bg);
}
header {
  flex: none;
  padding: 10px 12px 8px;
  background: var(--panel);
  border-bottom: 1px solid var(--line);
}
h1 {
  margin: 0 0 8px;
  font-size: 17px;
  font-weight: 600;
  color: var(--accent);
}
h1 small { font-size: 12px; font-weight: 400; color: var(--muted); margin-left: 6px; }
.pickers {
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 8px;
}
.pickers label {
  display: flex;
  flex-direction: column;
  gap: 2px;
  font-size: 12px;
  color: var(--muted);
  min-width: 0;
}
select, .custom-user input {
  width: 100%;
  min-width: 0;
  font: inherit;
  font-size: 15px;
  color: var(--text);
  padding: 6px 8px;
  border: 1px solid var(--line);
  border-radius: 8px;
  background: #fff;
}
.custom-user {
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 8px;
  margin-top: 8px;
}
.custom-user[hidden] { display: none; }
#messages {
  flex: 1 1 auto;
  overflow-y: auto;
  -webkit-overflow-scrolling: touch;
  padding: 12px;
  display: flex;
  flex-direction: column;
  gap: 10px;
}
.msg {
  max-width: 86%;
  padding: 7px 10px 6px;
  border-radius: 12px;
  box-shadow: 0 1px 1px rgba(0, 0, 0, 0.06);
  word-break: break-word;
  overflow-wrap: anywhere;
}
.msg.me {
  align-self: flex-end;
  background: var(--me);
  border-bottom-right-radius: 4px;
}
.msg.me.pending { opacity: 0.6; }
.msg.me.failed { box-shadow: 0 0 0 1px var(--danger); }
.msg.bot {
  align-self: flex-start;
  background: var(--bot);
  border-bottom-left-radius: 4px;
}
.msg .meta {
  display: flex;
  gap: 8px;
  align-items: baseline;
  font-size: 12px;
  color: var(--muted);
  margin-bottom: 2px;
}
.msg .sender { font-weight: 600; color: var(--accent); }
.msg.me .sender { color: #2d5a4c; }
.msg .time { margin-left: auto; font-variant-numeric: tabular-nums; }
.msg .text { white-space: pre-wrap; }
.msg .note { color: var(--muted); font-style: italic; }
.buttons { margin-top: 6px; display: flex; flex-direction: column; gap: 6px; }
.btn-row { display: flex; flex-wrap: wrap; gap: 6px; }
.btn-row button {
  flex: 1 1 auto;
  font: inherit;
  font-size: 14px;
  padding: 5px 10px;
  border: 1px solid var(--accent);
  border-radius: 8px;
  background: var(--accent-soft);
  color: var(--accent);
  cursor: pointer;
}
.btn-row button:active { background: #cfe6dd; }
.msg.system {
  align-self: center;
  max-width: 94%;
  background: transparent;
  box-shadow: none;
  padding: 2px 8px;
  font-size: 12px;
  color: var(--muted);
  text-align: center;
  white-space: pre-wrap;
}
.msg.system.error {
  color: var(--danger);
  background: var(--danger-soft);
  border-radius: 6px;
}
footer {
  flex: none;
  background: var(--panel);
  border-top: 1px solid var(--line);
  padding: 8px 12px calc(8px + env(safe-area-inset-bottom, 0px));
}
.chips {
  display: flex;
  gap: 6px;
  overflow-x: auto;
  padding-bottom: 6px;
  scrollbar-width: none;
}
.chips::-webkit-scrollbar { display: none; }
.chip {
  flex: none;
  font: inherit;
  font-size: 13px;
  padding: 3px 12px;
  border: 1px solid var(--line);
  border-radius: 999px;
  background: #f6f8fa;
  color: var(--text);
  cursor: pointer;
}
.chip:active { background: var(--accent-soft); }
.composer { display: flex; gap: 8px; align-items: flex-end; }
#input {
  flex: 1 1 auto;
  min-width: 0;
  font: inherit;
  font-size: 16px;
  line-height: 1.4;
  padding: 8px 10px;
  border: 1px solid var(--line);
  border-radius: 10px;
  resize: none;
  max-height: 9em;
  overflow-y: auto;
}
#input:focus, select:focus, .custom-user input:focus { outline: 2px solid var(--accent-soft); border-color: var(--accent); }
#send {
  flex: none;
  font: inherit;
  font-size: 15px;
  padding: 8px 18px;
  border: 0;
  border-radius: 10px;
  background: var(--accent);
  color: #fff;
  cursor: pointer;
}
#send:disabled { background: #9fb8b0; cursor: default; }
.hint { font-size: 11px; color: var(--muted); margin-top: 4px; }
@media (max-width: 520px) {
  .pickers { grid-template-columns: 1fr; gap: 6px; }
  h1 { font-size: 16px; margin-bottom: 6px; }
  .msg { max-width: 92%; }
  .hint { display: none; }
}
`;

/**
 * Client script. Written without template literals / `${` so it can live in a
 * String.raw template here; backslashes are kept verbatim.
 */
const SCRIPT = String.raw`
(function () {
  'use strict';

  var CUSTOM = '__custom__';
  var BOT_NAME = '归乡';
  var POLL_MS = 2000;
  var KEY_CHAT = 'guixiang.console.chatId';
  var KEY_USER = 'guixiang.console.userId';
  var KEY_CUSTOM_ID = 'guixiang.console.customUserId';
  var KEY_CUSTOM_NAME = 'guixiang.console.customUserName';

  function $(id) { return document.getElementById(id); }

  var chatSelect = $('chat-select');
  var userSelect = $('user-select');
  var customBox = $('custom-user');
  var customId = $('custom-user-id');
  var customName = $('custom-user-name');
  var list = $('messages');
  var input = $('input');
  var sendBtn = $('send');
  var chipsBox = $('chips');

  var directory = { chats: [], users: [] };
  try {
    var parsed = JSON.parse($('directory-data').textContent || '{}');
    if (parsed && typeof parsed === 'object') {
      directory.chats = Array.isArray(parsed.chats) ? parsed.chats : [];
      directory.users = Array.isArray(parsed.users) ? parsed.users : [];
    }
  } catch (e) { /* keep empty directory */ }

  /* ---------- storage ---------- */
  function load(key) {
    try { var v = window.localStorage.getItem(key); return v == null ? '' : String(v); } catch (e) { return ''; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode etc. */ }
  }

  /* ---------- helpers ---------- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function hhmm(value) {
    var d = value == null ? new Date() : new Date(value);
    if (isNaN(d.getTime())) return '';
    return pad(d.getHours()) + ':' + pad(d.getMinutes());
  }
  function chatById(id) {
    for (var i = 0; i < directory.chats.length; i++) if (directory.chats[i].chatId === id) return directory.chats[i];
    return null;
  }
  function userById(id) {
    for (var i = 0; i < directory.users.length; i++) if (directory.users[i].userId === id) return directory.users[i];
    return null;
  }

  /* ---------- state ---------- */
  var currentChat = '';
  var generation = 0;      // bumps on chat switch; stale responses are dropped
  var lastSeenId = 0;      // highest id received from GET (history/poll)
  var shown = {};          // bot message ids already on screen
  var pollTimer = null;
  var pollFailed = false;
  var queue = Promise.resolve();

  /* ---------- rendering ---------- */
  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }
  function scrollDown() { list.scrollTop = list.scrollHeight; }
  function append(node, force) {
    var stick = force || nearBottom();
    list.appendChild(node);
    if (stick) scrollDown();
    return node;
  }
  function meta(sender, time) {
    var m = el('div', 'meta');
    m.appendChild(el('span', 'sender', sender));
    m.appendChild(el('span', 'time', time));
    return m;
  }
  function systemLine(text, isError) {
    return append(el('div', isError ? 'msg system error' : 'msg system', text), true);
  }
  function meBubble(name, text, isNote) {
    var b = el('div', 'msg me pending');
    b.appendChild(meta(name, hhmm()));
    b.appendChild(el('div', isNote ? 'text note' : 'text', text));
    return append(b, true);
  }
  function settle(bubble, ok) {
    bubble.className = ok ? 'msg me' : 'msg me failed';
  }

  function validView(v) {
    return v && typeof v === 'object' && typeof v.id === 'number' && isFinite(v.id);
  }

  function botBubble(view) {
    var b = el('div', 'msg bot');
    b.appendChild(meta(BOT_NAME, hhmm(view.createdAt)));
    b.appendChild(el('div', 'text', view.text == null ? '' : view.text));
    if (Array.isArray(view.buttons) && view.buttons.length) {
      var box = el('div', 'buttons');
      for (var r = 0; r < view.buttons.length; r++) {
        var row = view.buttons[r];
        if (!Array.isArray(row) || !row.length) continue;
        var rowEl = el('div', 'btn-row');
        for (var c = 0; c < row.length; c++) {
          var spec = row[c];
          if (!spec || typeof spec !== 'object') continue;
          rowEl.appendChild(makeButton(String(spec.label == null ? '' : spec.label), String(spec.value == null ? '' : spec.value)));
        }
        box.appendChild(rowEl);
      }
      b.appendChild(box);
    }
    return b;
  }

  function makeButton(label, value) {
    var btn = el('button', '', label);
    btn.type = 'button';
    btn.addEventListener('click', function () { pressButton(label, value); });
    return btn;
  }

  /** Show a bot message unless it is already on screen. */
  function showBot(view) {
    if (!validView(view)) return;
    var key = String(view.id);
    if (shown[key]) return;
    shown[key] = true;
    append(botBubble(view), false);
  }

  /* ---------- network ---------- */
  function requestJson(method, url, body) {
    var init = { method: method, cache: 'no-store', headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return Promise.resolve()
      .then(function () { return fetch(url, init); })
      .then(function (res) {
        return res.text().then(function (raw) {
          var data = null;
          try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
          if (data && typeof data === 'object' && typeof data.error === 'string') {
            return { ok: false, error: data.error + (res.ok ? '' : '（' + res.status + '）') };
          }
          if (!res.ok) return { ok: false, error: '请求失败：HTTP ' + res.status };
          if (!data || typeof data !== 'object') return { ok: false, error: '服务器返回的不是 JSON' };
          return { ok: true, data: data };
        }, function () {
          return { ok: false, error: '读取响应失败：HTTP ' + res.status };
        });
      }, function (err) {
        return { ok: false, error: '网络错误：' + (err && err.message ? err.message : String(err)) };
      })
      .catch(function (err) {
        return { ok: false, error: '出错了：' + (err && err.message ? err.message : String(err)) };
      });
  }

  function messagesUrl(chatId, after) {
    return '/dev/messages?chatId=' + encodeURIComponent(chatId) + '&after=' + encodeURIComponent(String(after));
  }

  /** Apply a GET result: show unseen messages of the current chat, advance cursor. */
  function absorb(messages, chatId) {
    if (!Array.isArray(messages)) return 0;
    var sorted = messages.filter(validView).slice().sort(function (a, b) { return a.id - b.id; });
    var added = 0;
    for (var i = 0; i < sorted.length; i++) {
      var v = sorted[i];
      if (v.id > lastSeenId) lastSeenId = v.id;
      if (v.chatId != null && String(v.chatId) !== chatId) continue;
      if (!shown[String(v.id)]) added++;
      showBot(v);
    }
    return added;
  }

  function schedulePoll(gen) {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = setTimeout(function () { poll(gen); }, POLL_MS);
  }

  function poll(gen) {
    if (gen !== generation) return;
    var chatId = currentChat;
    requestJson('GET', messagesUrl(chatId, lastSeenId)).then(function (r) {
      if (gen !== generation) return;
      if (r.ok) {
        if (pollFailed) { pollFailed = false; systemLine('连接已恢复', false); }
        absorb(r.data.messages, chatId);
      } else if (!pollFailed) {
        pollFailed = true;
        systemLine('拉取新消息失败：' + r.error + '（将继续重试）', true);
      }
    }).then(function () {
      if (gen === generation) schedulePoll(gen);
    }, function () {
      if (gen === generation) schedulePoll(gen);
    });
  }

  function switchChat(chatId) {
    generation++;
    var gen = generation;
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    currentChat = chatId;
    lastSeenId = 0;
    shown = {};
    pollFailed = false;
    list.textContent = '';
    var chat = chatById(chatId);
    if (!chat) {
      systemLine('没有可用的群聊。请先准备目录数据（例如运行 seed:demo）。', false);
      updateSendState();
      return;
    }
    systemLine('当前群聊：' + chat.title + '（' + chat.regionName + ' · ' + chat.purpose + '）', false);
    updateSendState();
    requestJson('GET', messagesUrl(chatId, 0)).then(function (r) {
      if (gen !== generation) return;
      if (r.ok) {
        var n = absorb(r.data.messages, chatId);
        if (!n) systemLine('（该群暂无机器人消息，发一句「帮助」试试）', false);
        scrollDown();
      } else {
        pollFailed = true;
        systemLine('加载历史消息失败：' + r.error, true);
      }
    }).then(function () {
      if (gen === generation) schedulePoll(gen);
    }, function () {
      if (gen === generation) schedulePoll(gen);
    });
  }

  /* ---------- identity ---------- */
  function currentUser() {
    if (userSelect.value === CUSTOM) {
      var id = String(customId.value || '').trim();
      var name = String(customName.value || '').trim();
      return id ? { userId: id, userName: name || id } : null;
    }
    var u = userById(userSelect.value);
    return u ? { userId: u.userId, userName: u.userName } : null;
  }

  function updateSendState() {
    sendBtn.disabled = !currentChat || !chatById(currentChat);
  }

  /* ---------- sending ---------- */
  function post(payload, bubble) {
    var gen = generation;
    var chatId = payload.chatId;
    queue = queue.then(function () {
      return requestJson('POST', '/dev/messages', payload).then(function (r) {
        settle(bubble, r.ok);
        if (gen !== generation) return; // chat switched meanwhile; history covers it
        if (!r.ok) { systemLine(r.error, true); return; }
        if (r.data.duplicate) systemLine('（服务器判定为重复消息，已忽略）', false);
        var replies = Array.isArray(r.data.replies) ? r.data.replies : [];
        var elsewhere = 0;
        for (var i = 0; i < replies.length; i++) {
          var v = replies[i];
          if (!validView(v)) continue;
          if (v.chatId != null && String(v.chatId) !== chatId) { elsewhere++; continue; }
          showBot(v);
        }
        if (elsewhere) systemLine('（另有 ' + elsewhere + ' 条回复发往其他会话）', false);
        scrollDown();
      });
    }).catch(function (err) {
      try { settle(bubble, false); systemLine('出错了：' + (err && err.message ? err.message : String(err)), true); } catch (e) { /* ignore */ }
    });
    return queue;
  }

  function precheck() {
    if (!currentChat || !chatById(currentChat)) { systemLine('请先选择群聊', true); return null; }
    var user = currentUser();
    if (!user) {
      systemLine(userSelect.value === CUSTOM ? '请填写其他成员的 ID' : '请先选择成员', true);
      if (userSelect.value === CUSTOM) customId.focus();
      return null;
    }
    return user;
  }

  function sendText() {
    var text = String(input.value || '');
    if (!text.trim()) { input.focus(); return; }
    var user = precheck();
    if (!user) return;
    input.value = '';
    autosize();
    var bubble = meBubble(user.userName, text, false);
    post({ chatId: currentChat, userId: user.userId, userName: user.userName, text: text }, bubble);
    input.focus();
  }

  function pressButton(label, value) {
    var user = precheck();
    if (!user) return;
    var bubble = meBubble(user.userName, '（点击了「' + label + '」）', true);
    post({ chatId: currentChat, userId: user.userId, userName: user.userName, button: value }, bubble);
  }

  function autosize() {
    try {
      input.style.height = 'auto';
      var h = input.scrollHeight;
      if (h) input.style.height = h + 'px';
    } catch (e) { /* ignore */ }
  }

  /* ---------- setup ---------- */
  function option(value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }

  for (var i = 0; i < directory.chats.length; i++) {
    var c = directory.chats[i];
    chatSelect.appendChild(option(c.chatId, c.title + '（' + c.regionName + ' · ' + c.purpose + '）'));
  }
  for (var j = 0; j < directory.users.length; j++) {
    var u = directory.users[j];
    userSelect.appendChild(option(u.userId, u.userName + '（' + u.roleLabel + '）'));
  }
  userSelect.appendChild(option(CUSTOM, '其他成员…'));

  var savedChat = load(KEY_CHAT);
  var initialChat = chatById(savedChat) ? savedChat : (directory.chats.length ? directory.chats[0].chatId : '');
  if (initialChat) chatSelect.value = initialChat;

  var savedUser = load(KEY_USER);
  var initialUser = savedUser === CUSTOM || userById(savedUser) ? savedUser
    : (directory.users.length ? directory.users[0].userId : CUSTOM);
  userSelect.value = initialUser;
  customId.value = load(KEY_CUSTOM_ID);
  customName.value = load(KEY_CUSTOM_NAME);

  function syncCustom() {
    customBox.hidden = userSelect.value !== CUSTOM;
  }
  syncCustom();

  chatSelect.addEventListener('change', function () {
    save(KEY_CHAT, chatSelect.value);
    switchChat(chatSelect.value);
  });
  userSelect.addEventListener('change', function () {
    save(KEY_USER, userSelect.value);
    syncCustom();
    if (userSelect.value === CUSTOM && !customId.value) customId.focus();
  });
  customId.addEventListener('input', function () { save(KEY_CUSTOM_ID, customId.value); });
  customName.addEventListener('input', function () { save(KEY_CUSTOM_NAME, customName.value); });

  sendBtn.addEventListener('click', function () { sendText(); });
  input.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || e.shiftKey) return;
    if (e.isComposing || e.keyCode === 229) return; // IME is confirming a candidate
    e.preventDefault();
    sendText();
  });
  input.addEventListener('input', autosize);

  var chips = chipsBox ? chipsBox.getElementsByTagName('button') : [];
  for (var k = 0; k < chips.length; k++) {
    (function (chip) {
      chip.addEventListener('click', function () {
        var insert = chip.getAttribute('data-insert') || '';
        input.value = insert;
        autosize();
        input.focus();
        try { input.setSelectionRange(insert.length, insert.length); } catch (e) { /* ignore */ }
      });
    })(chips[k]);
  }

  switchChat(initialChat);
})();
`;

const CHIPS: { label: string; insert: string }[] = [
  { label: '帮助', insert: '帮助' },
  { label: '我的', insert: '我的' },
  { label: '清单', insert: '清单' },
  { label: '建议', insert: '建议 ' },
  { label: '签到', insert: '签到' },
];

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderConsolePage(directory: ConsoleDirectory): string {
  const data = jsonForScript(normalizeDirectory(directory));
  const chips = CHIPS.map(
    (c) => `<button type="button" class="chip" data-insert="${escapeAttr(c.insert)}">${escapeAttr(c.label)}</button>`,
  ).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="robots" content="noindex">
<title>归乡 · 本地调试台</title>
<style>${CSS}</style>
</head>
<body>
<div class="app">
  <header>
    <h1>归乡 · 本地调试台<small>无需平台账号，直接和机器人对话</small></h1>
    <div class="pickers">
      <label>群聊<select id="chat-select" aria-label="群聊"></select></label>
      <label>以谁的身份发言<select id="user-select" aria-label="成员"></select></label>
    </div>
    <div class="custom-user" id="custom-user" hidden>
      <input id="custom-user-id" type="text" placeholder="成员 ID" autocomplete="off" aria-label="成员 ID">
      <input id="custom-user-name" type="text" placeholder="显示名称（可空）" autocomplete="off" aria-label="显示名称">
    </div>
  </header>
  <main id="messages" aria-live="polite"></main>
  <footer>
    <div class="chips" id="chips">${chips}</div>
    <div class="composer">
      <textarea id="input" rows="1" placeholder="输入消息，回车发送" autocomplete="off" enterkeyhint="send" aria-label="消息"></textarea>
      <button type="button" id="send">发送</button>
    </div>
    <div class="hint">回车发送，Shift+回车换行；机器人稍后发出的提醒每 2 秒自动拉取。</div>
  </footer>
</div>
<script type="application/json" id="directory-data">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
