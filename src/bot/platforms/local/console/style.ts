/** The console page's look: system fonts only, nothing fetched from elsewhere. */
export const CONSOLE_CSS = `
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
select, .custom-user input, .custom-chat input {
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

.msg.bot .title { font-weight: 600; margin-bottom: 4px; }
.msg.bot a.file { display: inline-block; margin-top: 6px; color: var(--accent); text-decoration: underline; }
.custom-chat { display: flex; gap: 8px; margin-top: 8px; }
.custom-chat[hidden] { display: none; }
.toast { position: fixed; left: 50%; bottom: 96px; transform: translateX(-50%); background: rgba(31, 39, 51, 0.92); color: #fff; padding: 8px 14px; border-radius: 8px; font-size: 14px; max-width: 80vw; }
.toast[hidden] { display: none; }
`;
