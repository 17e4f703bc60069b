import { createInterface } from 'node:readline';
import { stdin, stdout } from 'node:process';
import { parseConfig } from '../config.js';
import { createBot } from '../bot/create-bot.js';
import { localEvent, toView } from '../bot/platforms/local/adapter.js';
import { localPlatform } from '../bot/platforms/local/definition.js';
import { silentLogger } from '../bot/engine/ports.js';
import { localDirectory } from '../bot/platforms/local/directory.js';
import { rowsByKeys, sentToChat } from '../db/repo/outbox.js';
import { openSqliteStore } from '../db/sqlite.js';

/**
 * A terminal chat on the same pipeline as the console and the platforms:
 *   npm run chat            then type messages; ":chat <id>", ":user <id> <name>", ":press <value>", ":quit"
 */
const config = parseConfig(process.env);
const store = openSqliteStore(config.DATABASE_PATH);
const bot = await createBot({ config, store, logger: silentLogger });
const LOCAL = localPlatform.name;
const directory = await localDirectory(store.db);

// Start where the demo story starts: 温泉村's planning group, as the cadre 张卫东.
let chatId = (directory.chats.find((c) => c.chatId === 'wenquan-village') ?? directory.chats.find((c) => c.purpose === '村庄规划编制组') ?? directory.chats[0])?.chatId ?? 'local-group';
let user = directory.users.find((u) => u.userId === 'u-zhang') ?? directory.users[0] ?? { userId: 'u-local', userName: '本地用户', roleLabel: '' };
let cursor = 0;

const rl = createInterface({ input: stdin, output: stdout });
console.log('归乡 · 终端对话（输入 :help 查看操作）');
if (directory.chats.length === 0) console.log('还没有演示数据：先运行 npm run seed:demo');
printWhere();

function printWhere() {
  const chat = directory.chats.find((c) => c.chatId === chatId);
  console.log(`当前群：${chat ? `${chat.title}（${chat.chatId}）` : chatId}  当前成员：${user.userName}（${user.userId}）`);
}

async function showNew() {
  await bot.dispatcher.drain(LOCAL);
  const rows = await sentToChat(store.db, LOCAL, chatId, cursor);
  for (const row of rows) {
    cursor = Math.max(cursor, row.id);
    const v = toView(row);
    console.log(`\n🤖 ${v.text}`);
    if (v.buttons) console.log(v.buttons.map((r) => r.map((b) => `[${b.label} → :press ${b.value}]`).join(' ')).join('\n'));
  }
}

const start = await sentToChat(store.db, LOCAL, chatId, 0);
cursor = start.at(-1)?.id ?? 0;

const prompt = () => rl.setPrompt(`\n${user.userName}> `);
prompt();
rl.prompt();
for await (const raw of rl) {
  const line = raw.trim();
  if (!line) {
    rl.prompt();
    continue;
  }
  await handleLine(line);
  if (line === ':quit' || line === ':q') break;
  prompt();
  rl.prompt();
}
rl.close();
await store.close();

async function handleLine(line: string): Promise<void> {
  if (line === ':quit' || line === ':q') return;
  if (line === ':help') {
    console.log(':chat <群id>   切换群\n:user <成员id> [姓名]   切换成员\n:press <按钮值>   点击按钮\n:chats / :users   列出演示群和成员\n:quit   退出');
    return;
  }
  if (line === ':chats') {
    for (const c of directory.chats) console.log(`${c.chatId}  ${c.title}（${c.regionName} · ${c.purpose}）`);
    return;
  }
  if (line === ':users') {
    for (const u of directory.users) console.log(`${u.userId}  ${u.userName}（${u.roleLabel}）`);
    return;
  }
  if (line.startsWith(':chat ')) {
    chatId = line.slice(6).trim();
    cursor = (await sentToChat(store.db, LOCAL, chatId, 0)).at(-1)?.id ?? 0;
    printWhere();
    return;
  }
  if (line.startsWith(':user ')) {
    const [id, name] = line.slice(6).trim().split(/\s+/u);
    const known = directory.users.find((u) => u.userId === id);
    user = { userId: id!, userName: name ?? known?.userName ?? id!, roleLabel: known?.roleLabel ?? '' };
    printWhere();
    return;
  }
  const body = line.startsWith(':press ')
    ? { chatId, userId: user.userId, userName: user.userName, button: line.slice(7).trim() }
    : { chatId, userId: user.userId, userName: user.userName, text: line };
  const result = await bot.pipeline.handle(localEvent(body, new Date(), () => crypto.randomUUID()));
  if (result.toast) console.log(`（${result.toast}）`);
  await bot.dispatcher.drain(LOCAL);
  const mine = (await rowsByKeys(store.db, result.keys)).filter((r) => r.chatId !== chatId).length;
  if (mine > 0) console.log(`（另有 ${mine} 条消息发到了其他群）`);
  await showNew();
}
