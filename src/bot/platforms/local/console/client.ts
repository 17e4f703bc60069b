/**
 * The console page's script, run in the browser. Bundled by esbuild into client.generated.ts
 * (`npm run build:console`; a test fails when the bundle is older than this file), so it is
 * typed, linted and checked like the rest, and the page stays one self-contained document.
 *
 * Everything from the server or the directory reaches the DOM through textContent only.
 */
import type { ConsoleDirectory } from './types.js';

interface ButtonView {
  label: string;
  value: string;
}

/** A bot message as GET/POST /dev/messages return it. */
interface BotView {
  id: number;
  chatId?: string;
  text?: string;
  title?: string;
  buttons?: ButtonView[][];
  file?: { name: string; url: string };
  createdAt?: string;
}

/** Something a person said in the chat, kept by the server so a reload shows it again. */
interface SaidView {
  afterId: number;
  userName: string;
  text: string;
  note?: boolean;
  at?: string;
}

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: string };
interface User {
  userId: string;
  userName: string;
}

const CUSTOM = '__custom__';
const PRIVATE = '__private__';
const NEW_GROUP = '__new__';
const BOT_NAME = '归乡';
const POLL_MS = 2000;
const TOAST_MS = 3000;
const KEY_CHAT = 'guixiang.console.chatId';
const KEY_USER = 'guixiang.console.userId';
const KEY_CUSTOM_ID = 'guixiang.console.customUserId';
const KEY_CUSTOM_NAME = 'guixiang.console.customUserName';
const KEY_NEW_GROUP = 'guixiang.console.newGroupName';

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}
/** Elements a page may lack (an older page, a test's smaller document). */
function maybe<T extends HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

const chatSelect = byId<HTMLSelectElement>('chat-select');
const userSelect = byId<HTMLSelectElement>('user-select');
const customBox = byId<HTMLElement>('custom-user');
const customId = byId<HTMLInputElement>('custom-user-id');
const customName = byId<HTMLInputElement>('custom-user-name');
const newGroupBox = maybe<HTMLElement>('custom-chat');
const newGroupName = maybe<HTMLInputElement>('custom-chat-name');
const list = byId<HTMLElement>('messages');
const input = byId<HTMLTextAreaElement>('input');
const sendBtn = byId<HTMLButtonElement>('send');
const chipsBox = maybe<HTMLElement>('chips');
const toastBox = maybe<HTMLElement>('toast');

const directory: ConsoleDirectory = { chats: [], users: [] };
try {
  const parsed: unknown = JSON.parse(byId('directory-data').textContent || '{}');
  if (parsed && typeof parsed === 'object') {
    const d = parsed as Partial<ConsoleDirectory>;
    directory.chats = Array.isArray(d.chats) ? d.chats : [];
    directory.users = Array.isArray(d.users) ? d.users : [];
  }
} catch {
  // An unreadable directory leaves the pickers empty.
}

/* ---------- storage ---------- */
function load(key: string): string {
  try {
    const v = window.localStorage.getItem(key);
    return v == null ? '' : String(v);
  } catch {
    return '';
  }
}
function save(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private browsing: choices are not remembered.
  }
}

/* ---------- helpers ---------- */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: unknown): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = String(text);
  return node;
}
const pad = (n: number) => (n < 10 ? '0' : '') + n;
function hhmm(value?: string): string {
  const d = value == null ? new Date() : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const chatById = (id: string) => directory.chats.find((c) => c.chatId === id) ?? null;
const userById = (id: string) => directory.users.find((u) => u.userId === id) ?? null;
const errorText = (err: unknown) => (err instanceof Error && err.message ? err.message : String(err));

/* ---------- state ---------- */
let currentChat = '';
/** Bumps on every chat switch; answers for an earlier chat are dropped. */
let generation = 0;
/** Highest bot message id received from GET (history and polls). */
let lastSeenId = 0;
let shown: Record<string, true> = {};
let pollTimer: ReturnType<typeof setTimeout> | null = null;
let pollFailed = false;
let queue: Promise<unknown> = Promise.resolve();
let toastTimer: ReturnType<typeof setTimeout> | null = null;

/* ---------- rendering ---------- */
const nearBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 80;
function scrollDown(): void {
  list.scrollTop = list.scrollHeight;
}
function append<T extends HTMLElement>(node: T, force: boolean): T {
  const stick = force || nearBottom();
  list.appendChild(node);
  if (stick) scrollDown();
  return node;
}
function meta(sender: string, time: string): HTMLElement {
  const m = el('div', 'meta');
  m.appendChild(el('span', 'sender', sender));
  m.appendChild(el('span', 'time', time));
  return m;
}
function systemLine(text: string, isError: boolean): HTMLElement {
  return append(el('div', isError ? 'msg system error' : 'msg system', text), true);
}
function meBubble(name: string, text: string, isNote: boolean, opts: { at?: string; pending?: boolean } = {}): HTMLElement {
  const b = el('div', opts.pending === false ? 'msg me' : 'msg me pending');
  b.appendChild(meta(name, hhmm(opts.at)));
  b.appendChild(el('div', isNote ? 'text note' : 'text', text));
  return append(b, true);
}
function settle(bubble: HTMLElement, ok: boolean): void {
  bubble.className = ok ? 'msg me' : 'msg me failed';
}
function isView(v: unknown): v is BotView {
  return Boolean(v) && typeof v === 'object' && typeof (v as BotView).id === 'number' && Number.isFinite((v as BotView).id);
}
function isSaid(v: unknown): v is SaidView {
  return Boolean(v) && typeof v === 'object' && typeof (v as SaidView).afterId === 'number' && typeof (v as SaidView).text === 'string';
}

function botBubble(view: BotView): HTMLElement {
  const b = el('div', 'msg bot');
  b.appendChild(meta(BOT_NAME, hhmm(view.createdAt)));
  if (view.title) b.appendChild(el('div', 'title', view.title));
  b.appendChild(el('div', 'text', view.text == null ? '' : view.text));
  if (view.file && typeof view.file.url === 'string' && view.file.url.startsWith('/dev/files/')) {
    const link = el('a', 'file', `📎 ${String(view.file.name)}`);
    link.href = view.file.url;
    link.setAttribute('download', String(view.file.name));
    b.appendChild(link);
  }
  if (Array.isArray(view.buttons) && view.buttons.length) {
    const box = el('div', 'buttons');
    for (const row of view.buttons) {
      if (!Array.isArray(row) || !row.length) continue;
      const rowEl = el('div', 'btn-row');
      for (const spec of row) {
        if (!spec || typeof spec !== 'object') continue;
        rowEl.appendChild(makeButton(String(spec.label ?? ''), String(spec.value ?? '')));
      }
      box.appendChild(rowEl);
    }
    b.appendChild(box);
  }
  return b;
}

function makeButton(label: string, value: string): HTMLButtonElement {
  const btn = el('button', '', label);
  btn.type = 'button';
  btn.addEventListener('click', () => pressButton(label, value));
  return btn;
}

/** Shows a bot message unless it is already on screen. */
function showBot(view: BotView): void {
  const key = String(view.id);
  if (shown[key]) return;
  shown[key] = true;
  append(botBubble(view), false);
}

/** A short notice over the page (a button's answer), gone after a few seconds. */
function toast(text: string): void {
  if (!toastBox) {
    systemLine(text, false);
    return;
  }
  toastBox.textContent = text;
  toastBox.hidden = false;
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toastBox.hidden = true;
  }, TOAST_MS);
}

/* ---------- network ---------- */
async function requestJson(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, cache: 'no-store', headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    return { ok: false, error: `网络错误：${errorText(err)}` };
  }
  let raw: string;
  try {
    raw = await res.text();
  } catch {
    return { ok: false, error: `读取响应失败：HTTP ${res.status}` };
  }
  let data: unknown = null;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch {
    data = null;
  }
  if (data && typeof data === 'object' && typeof (data as { error?: unknown }).error === 'string') {
    return { ok: false, error: (data as { error: string }).error + (res.ok ? '' : `（${res.status}）`) };
  }
  if (!res.ok) return { ok: false, error: `请求失败：HTTP ${res.status}` };
  if (!data || typeof data !== 'object') return { ok: false, error: '服务器返回的不是 JSON' };
  return { ok: true, data: data as Record<string, unknown> };
}

const messagesUrl = (chatId: string, after: number) => `/dev/messages?chatId=${encodeURIComponent(chatId)}&after=${encodeURIComponent(String(after))}`;

/** Applies a GET answer: shows the current chat's unseen bot messages and advances the cursor. */
function absorb(messages: unknown, chatId: string): number {
  if (!Array.isArray(messages)) return 0;
  const sorted = messages.filter(isView).sort((a, b) => a.id - b.id);
  let added = 0;
  for (const v of sorted) {
    if (v.id > lastSeenId) lastSeenId = v.id;
    if (v.chatId != null && String(v.chatId) !== chatId) continue;
    if (!shown[String(v.id)]) added++;
    showBot(v);
  }
  return added;
}

/** History: the bot's messages and what people said, in the order they happened. */
function absorbHistory(messages: unknown, said: unknown, chatId: string): number {
  const saidList = Array.isArray(said) ? said.filter(isSaid) : [];
  if (!saidList.length) return absorb(messages, chatId);
  const views = Array.isArray(messages) ? messages.filter(isView).sort((a, b) => a.id - b.id) : [];
  let next = 0;
  let added = 0;
  for (const s of saidList) {
    const before = views.slice(next).filter((v) => v.id <= s.afterId);
    next += before.length;
    added += absorb(before, chatId);
    meBubble(s.userName, s.text, Boolean(s.note), { pending: false, ...(s.at ? { at: s.at } : {}) });
    added++;
  }
  return added + absorb(views.slice(next), chatId);
}

function schedulePoll(gen: number): void {
  if (pollTimer) clearTimeout(pollTimer);
  pollTimer = setTimeout(() => poll(gen), POLL_MS);
}

async function poll(gen: number): Promise<void> {
  if (gen !== generation) return;
  const chatId = currentChat;
  const r = await requestJson('GET', messagesUrl(chatId, lastSeenId));
  if (gen !== generation) return;
  if (r.ok) {
    if (pollFailed) {
      pollFailed = false;
      systemLine('连接已恢复', false);
    }
    absorb(r.data.messages, chatId);
  } else if (!pollFailed) {
    pollFailed = true;
    systemLine(`拉取新消息失败：${r.error}（将继续重试）`, true);
  }
  schedulePoll(gen);
}

/* ---------- which chat, as whom ---------- */
function currentUser(): User | null {
  if (userSelect.value === CUSTOM) {
    const id = String(customId.value || '').trim();
    const name = String(customName.value || '').trim();
    return id ? { userId: id, userName: name || id } : null;
  }
  const u = userById(userSelect.value);
  return u ? { userId: u.userId, userName: u.userName } : null;
}

/** The chat the pickers name: a listed group, the member's private chat, or a new group. */
function chosenChat(): { chatId: string; label: string } | null {
  const value = chatSelect.value;
  if (value === PRIVATE) {
    const user = currentUser();
    return user ? { chatId: `private-${user.userId}`, label: `与归乡私聊（${user.userName}）` } : null;
  }
  if (value === NEW_GROUP) {
    const name = String(newGroupName?.value || '').trim();
    return name ? { chatId: `group-${name}`, label: `新群聊「${name}」（未绑定，可发送「绑定 村名」试试）` } : null;
  }
  const chat = chatById(value);
  return chat ? { chatId: chat.chatId, label: `${chat.title}（${chat.regionName} · ${chat.purpose}）` } : null;
}

function updateSendState(): void {
  sendBtn.disabled = !currentChat;
}

async function switchChat(): Promise<void> {
  generation++;
  const gen = generation;
  if (pollTimer) {
    clearTimeout(pollTimer);
    pollTimer = null;
  }
  const chosen = chosenChat();
  currentChat = chosen?.chatId ?? '';
  lastSeenId = 0;
  shown = {};
  pollFailed = false;
  list.textContent = '';
  if (newGroupBox) newGroupBox.hidden = chatSelect.value !== NEW_GROUP;
  updateSendState();
  if (!chosen) {
    if (chatSelect.value === NEW_GROUP) systemLine('请填写新群聊的名称', false);
    else if (chatSelect.value === PRIVATE) systemLine('请先选择成员', false);
    else systemLine('没有可用的群聊。请先准备目录数据（例如运行 seed:demo）。', false);
    return;
  }
  systemLine(`当前会话：${chosen.label}`, false);
  const chatId = chosen.chatId;
  const r = await requestJson('GET', messagesUrl(chatId, 0));
  if (gen !== generation) return;
  if (r.ok) {
    if (!absorbHistory(r.data.messages, r.data.said, chatId)) systemLine('（这里暂无消息，发一句「帮助」试试）', false);
    scrollDown();
  } else {
    pollFailed = true;
    systemLine(`加载历史消息失败：${r.error}`, true);
  }
  schedulePoll(gen);
}

/* ---------- sending ---------- */
function tellElsewhere(elsewhere: unknown, user: User): void {
  if (!Array.isArray(elsewhere)) return;
  let privately = 0;
  let others = 0;
  for (const e of elsewhere) {
    if (!e || typeof e !== 'object') continue;
    const { chatId, count } = e as { chatId?: unknown; count?: unknown };
    const n = typeof count === 'number' ? count : 0;
    if (chatId === `private-${user.userId}`) privately += n;
    else others += n;
  }
  if (privately) systemLine(`（已私聊发给您 ${privately} 条，在「群聊」里选「与归乡私聊」查看）`, false);
  if (others) systemLine(`（另有 ${others} 条消息发往其他会话）`, false);
}

function post(payload: Record<string, unknown>, bubble: HTMLElement, user: User): Promise<unknown> {
  const gen = generation;
  queue = queue
    .then(async () => {
      const r = await requestJson('POST', '/dev/messages', payload);
      settle(bubble, r.ok);
      // The chat was switched meanwhile: its history covers this.
      if (gen !== generation) return;
      if (!r.ok) {
        systemLine(r.error, true);
        return;
      }
      if (r.data.duplicate) systemLine('（服务器判定为重复消息，已忽略）', false);
      if (typeof r.data.toast === 'string' && r.data.toast) toast(r.data.toast);
      const replies = Array.isArray(r.data.replies) ? r.data.replies.filter(isView) : [];
      for (const v of replies) if (v.chatId == null || String(v.chatId) === payload.chatId) showBot(v);
      tellElsewhere(r.data.elsewhere, user);
      scrollDown();
    })
    .catch((err: unknown) => {
      try {
        settle(bubble, false);
        systemLine(`出错了：${errorText(err)}`, true);
      } catch {
        // The page is going away.
      }
    });
  return queue;
}

function precheck(): User | null {
  const user = currentUser();
  if (!user) {
    systemLine(userSelect.value === CUSTOM ? '请填写其他成员的 ID' : '请先选择成员', true);
    if (userSelect.value === CUSTOM) customId.focus();
    return null;
  }
  if (!currentChat) {
    systemLine(chatSelect.value === NEW_GROUP ? '请填写新群聊的名称' : '请先选择群聊', true);
    return null;
  }
  return user;
}

function sendText(): void {
  const text = String(input.value || '');
  if (!text.trim()) {
    input.focus();
    return;
  }
  const user = precheck();
  if (!user) return;
  input.value = '';
  autosize();
  const bubble = meBubble(user.userName, text, false);
  void post({ chatId: currentChat, userId: user.userId, userName: user.userName, text }, bubble, user);
  input.focus();
}

function pressButton(label: string, value: string): void {
  const user = precheck();
  if (!user) return;
  const bubble = meBubble(user.userName, `（点击了「${label}」）`, true);
  void post({ chatId: currentChat, userId: user.userId, userName: user.userName, button: value, label }, bubble, user);
}

function autosize(): void {
  try {
    input.style.height = 'auto';
    const h = input.scrollHeight;
    if (h) input.style.height = `${h}px`;
  } catch {
    // Layout is not available (a test document).
  }
}

/* ---------- setup ---------- */
function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

for (const c of directory.chats) chatSelect.appendChild(option(c.chatId, `${c.title}（${c.regionName} · ${c.purpose}）`));
chatSelect.appendChild(option(PRIVATE, '与归乡私聊（当前成员）'));
if (newGroupBox) chatSelect.appendChild(option(NEW_GROUP, '新群聊…（试试绑定）'));
for (const u of directory.users) userSelect.appendChild(option(u.userId, `${u.userName}（${u.roleLabel}）`));
userSelect.appendChild(option(CUSTOM, '其他成员…'));

const savedChat = load(KEY_CHAT);
const knownChoice = savedChat === PRIVATE || (savedChat === NEW_GROUP && newGroupBox) || chatById(savedChat);
chatSelect.value = knownChoice ? savedChat : (directory.chats[0]?.chatId ?? PRIVATE);

const savedUser = load(KEY_USER);
userSelect.value = savedUser === CUSTOM || userById(savedUser) ? savedUser : (directory.users[0]?.userId ?? CUSTOM);
customId.value = load(KEY_CUSTOM_ID);
customName.value = load(KEY_CUSTOM_NAME);
if (newGroupName) newGroupName.value = load(KEY_NEW_GROUP);

function syncCustom(): void {
  customBox.hidden = userSelect.value !== CUSTOM;
}
syncCustom();

chatSelect.addEventListener('change', () => {
  save(KEY_CHAT, chatSelect.value);
  void switchChat();
});
userSelect.addEventListener('change', () => {
  save(KEY_USER, userSelect.value);
  syncCustom();
  if (userSelect.value === CUSTOM && !customId.value) customId.focus();
  // A private chat is the member's own: another member, another chat.
  if (chatSelect.value === PRIVATE) void switchChat();
});
customId.addEventListener('input', () => save(KEY_CUSTOM_ID, customId.value));
customName.addEventListener('input', () => save(KEY_CUSTOM_NAME, customName.value));
newGroupName?.addEventListener('change', () => {
  save(KEY_NEW_GROUP, newGroupName.value);
  void switchChat();
});

sendBtn.addEventListener('click', () => sendText());
input.addEventListener('keydown', (e: KeyboardEvent) => {
  if (e.key !== 'Enter' || e.shiftKey) return;
  // An IME is confirming a candidate.
  if (e.isComposing || e.keyCode === 229) return;
  e.preventDefault();
  sendText();
});
input.addEventListener('input', autosize);

for (const chip of chipsBox ? Array.from(chipsBox.getElementsByTagName('button')) : []) {
  chip.addEventListener('click', () => {
    const insert = chip.getAttribute('data-insert') || '';
    input.value = insert;
    autosize();
    input.focus();
    try {
      input.setSelectionRange(insert.length, insert.length);
    } catch {
      // Not a text field in this document.
    }
  });
}

void switchChat();
