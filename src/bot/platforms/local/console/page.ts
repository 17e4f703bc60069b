/**
 * The local console page ("本地调试台"): one self-contained HTML document for talking to the bot
 * without any platform account. Served at `GET /dev`; its script (./client.ts, bundled into
 * ./client.generated.ts) talks to:
 *   POST /dev/messages  {chatId, userId, userName, text} or {…, button, label}
 *                       -> { replies, elsewhere, duplicate?, toast? } | { error } (4xx)
 *   GET  /dev/messages?chatId=..&after=N -> { messages, said? }
 *   GET  /dev/files/<id>  a file the bot sent
 *
 * No external resources (the machine may have no network): inline CSS and script, system fonts.
 * The directory is embedded as JSON in a non-executable <script type="application/json"> block,
 * escaped so that no data can end the block; the script puts every piece of data into the DOM
 * through textContent only.
 */
import { escapeMarkup } from '../../../../domain/markup.js';
import { CONSOLE_CLIENT } from './client.generated.js';
import { CONSOLE_CSS } from './style.js';
import type { ConsoleDirectory } from './types.js';

export type { ConsoleChat, ConsoleDirectory, ConsoleUser } from './types.js';

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

const CHIPS: { label: string; insert: string }[] = [
  { label: '帮助', insert: '帮助' },
  { label: '我的', insert: '我的' },
  { label: '清单', insert: '清单' },
  { label: '建议', insert: '建议 ' },
  { label: '签到', insert: '签到' },
];

export function renderConsolePage(directory: ConsoleDirectory): string {
  const data = jsonForScript(normalizeDirectory(directory));
  const chips = CHIPS.map(
    (c) => `<button type="button" class="chip" data-insert="${escapeMarkup(c.insert)}">${escapeMarkup(c.label)}</button>`,
  ).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="robots" content="noindex">
<title>归乡 · 本地调试台</title>
<style>${CONSOLE_CSS}</style>
</head>
<body>
<div class="app">
  <header>
    <h1>归乡 · 本地调试台<small>无需平台账号，直接和机器人对话</small></h1>
    <div class="pickers">
      <label>群聊<select id="chat-select" aria-label="群聊"></select></label>
      <label>以谁的身份发言<select id="user-select" aria-label="成员"></select></label>
    </div>
    <div class="custom-chat" id="custom-chat" hidden>
      <input id="custom-chat-name" type="text" placeholder="新群聊的名称，例如 新村规划群" autocomplete="off" aria-label="新群聊名称">
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
    <div class="hint">回车发送，Shift+回车换行；机器人稍后发出的提醒每 2 秒自动拉取；私聊消息在「与归乡私聊」里。</div>
  </footer>
</div>
<div class="toast" id="toast" role="status" hidden></div>
<script type="application/json" id="directory-data">${data}</script>
<script>${CONSOLE_CLIENT}</script>
</body>
</html>
`;
}
