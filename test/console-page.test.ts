import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { renderConsolePage, type ConsoleDirectory } from '../src/bot/platforms/local/console/page.js';

const NASTY = '</script><b>x</b> & <!-- \u2028\u2029 "q" \'s\'';

const directory: ConsoleDirectory = {
  chats: [
    { chatId: 'c1', title: `共建群${NASTY}`, purpose: '工作群', regionName: '红塔区' },
    { chatId: 'c2', title: '澄江专班', purpose: '专班', regionName: '澄江市' },
  ],
  users: [
    { userId: 'u1', userName: '李明', roleLabel: '干部' },
    { userId: 'u2', userName: `王<芳>`, roleLabel: '村干部' },
  ],
};

function extractDirectoryJson(html: string): string {
  const m = html.match(/<script type="application\/json" id="directory-data">([\s\S]*?)<\/script>/);
  if (!m?.[1]) throw new Error('directory data block not found');
  return m[1];
}

function extractInlineScript(html: string): string {
  const m = html.match(/<script>([\s\S]*?)<\/script>/);
  if (m?.[1] === undefined) throw new Error('inline script not found');
  return m[1];
}

describe('renderConsolePage — static checks', () => {
  const html = renderConsolePage(directory);

  it('is a complete page with the expected title', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>归乡 · 本地调试台</title>');
    expect(html).toContain('name="viewport"');
  });

  it('cannot be broken out of by directory data', () => {
    expect(html).not.toContain('</script><b>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('\u2028');
    expect(html).not.toContain('\u2029');
    // exactly two script blocks, both closed where we expect
    expect(html.match(/<script/g)?.length).toBe(2);
    expect(html.match(/<\/script>/g)?.length).toBe(2);
  });

  it('embeds the directory as recoverable JSON', () => {
    const raw = extractDirectoryJson(html);
    expect(raw).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(raw)).toEqual(directory);
  });

  it('contains all required element ids', () => {
    for (const id of [
      'chat-select',
      'user-select',
      'custom-user-id',
      'custom-user-name',
      'custom-chat',
      'custom-chat-name',
      'toast',
      'messages',
      'input',
      'send',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('>发送</button>');
    for (const chip of ['帮助', '我的', '清单', '建议', '签到']) expect(html).toContain(`>${chip}</button>`);
    expect(html).toContain('data-insert="建议 "');
  });

  it('references no external resources', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    const css = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    expect(css.length).toBeGreaterThan(100);
    expect(css).not.toMatch(/@import|@font-face|url\(/i);
    expect(html).not.toContain('innerHTML');
  });

  it('has an inline script that parses', () => {
    const script = extractInlineScript(html);
    expect(() => new Function(script)).not.toThrow();
  });

  it('tolerates an empty or malformed directory', () => {
    const empty = renderConsolePage({ chats: [], users: [] });
    expect(JSON.parse(extractDirectoryJson(empty))).toEqual({ chats: [], users: [] });
    const odd = renderConsolePage({ chats: [{ chatId: 'x' } as never], users: undefined as never });
    expect(JSON.parse(extractDirectoryJson(odd))).toEqual({
      chats: [{ chatId: 'x', title: '', purpose: '', regionName: '' }],
      users: [],
    });
  });
});

/* ------------------------------------------------------------------------ */
/* Behaviour: run the inline script against a tiny fake DOM + fake fetch.    */
/* ------------------------------------------------------------------------ */

type ElId =
  | 'chat-select'
  | 'user-select'
  | 'custom-user'
  | 'custom-user-id'
  | 'custom-user-name'
  | 'messages'
  | 'input'
  | 'send'
  | 'chips'
  | 'custom-chat'
  | 'custom-chat-name'
  | 'toast'
  | 'directory-data';

/** Index that must exist (the project uses noUncheckedIndexedAccess). */
function nth<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new Error(`no item at index ${i}`);
  return v;
}

type Listener = (e: Record<string, unknown>) => void;

class FakeElement {
  children: FakeElement[] = [];
  parent: FakeElement | null = null;
  className = '';
  id = '';
  value = '';
  type = '';
  hidden = false;
  disabled = false;
  scrollTop = 0;
  clientHeight = 400;
  style: Record<string, string> = {};
  attrs: Record<string, string> = {};
  listeners: Record<string, Listener[]> = {};
  private ownText = '';
  constructor(public tagName: string) {}

  get scrollHeight() {
    return this.children.length * 50;
  }
  get textContent(): string {
    return this.ownText + this.children.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    for (const c of this.children) c.parent = null;
    this.children = [];
    this.ownText = String(v);
  }
  appendChild(child: FakeElement) {
    child.parent = this;
    this.children.push(child);
    if (this.tagName === 'select' && child.tagName === 'option' && this.value === '') this.value = child.value;
    return child;
  }
  addEventListener(type: string, fn: Listener) {
    (this.listeners[type] ??= []).push(fn);
  }
  dispatch(type: string, extra: Record<string, unknown> = {}) {
    let prevented = false;
    const e = { type, target: this, preventDefault: () => (prevented = true), ...extra };
    for (const fn of this.listeners[type] ?? []) fn(e);
    return prevented;
  }
  getAttribute(name: string) {
    return name in this.attrs ? this.attrs[name] : null;
  }
  setAttribute(name: string, v: string) {
    this.attrs[name] = String(v);
  }
  getElementsByTagName(tag: string): FakeElement[] {
    const out: FakeElement[] = [];
    const walk = (n: FakeElement) => {
      for (const c of n.children) {
        if (c.tagName === tag) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  focus() {}
  setSelectionRange() {}
  /** all descendants with a given class */
  byClass(cls: string): FakeElement[] {
    const out: FakeElement[] = [];
    const walk = (n: FakeElement) => {
      for (const c of n.children) {
        if (c.className.split(/\s+/).includes(cls)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
}

interface OutView {
  id: number;
  chatId: string;
  text: string;
  buttons?: { label: string; value: string }[][];
  createdAt: string;
}

interface Call {
  method: string;
  url: string;
  body: unknown;
}

function setup(opts: {
  storage?: Record<string, string>;
  onPost?: (body: Record<string, unknown>) => { status?: number; json?: unknown; throws?: boolean };
  onGet?: (url: URL) => { status?: number; json?: unknown; throws?: boolean };
}) {
  const html = renderConsolePage(directory);
  const els = {} as Record<ElId, FakeElement>;
  const mk = (id: ElId, tag: string) => {
    const e = new FakeElement(tag);
    e.id = id;
    els[id] = e;
    return e;
  };
  mk('chat-select', 'select');
  mk('user-select', 'select');
  mk('custom-user', 'div').hidden = true;
  mk('custom-user-id', 'input');
  mk('custom-user-name', 'input');
  mk('custom-chat', 'div').hidden = true;
  mk('custom-chat-name', 'input');
  mk('toast', 'div').hidden = true;
  mk('messages', 'main');
  mk('input', 'textarea');
  mk('send', 'button');
  const chips = mk('chips', 'div');
  for (const m of html.matchAll(/<button type="button" class="chip" data-insert="([^"]*)">/g)) {
    const b = new FakeElement('button');
    b.setAttribute('data-insert', m[1] ?? '');
    chips.appendChild(b);
  }
  const data = mk('directory-data', 'script');
  data.textContent = extractDirectoryJson(html);

  const storage: Record<string, string> = { ...(opts.storage ?? {}) };
  const localStorage = {
    getItem: (k: string) => (k in storage ? storage[k] : null),
    setItem: (k: string, v: string) => {
      storage[k] = String(v);
    },
  };

  const calls: Call[] = [];
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  let nextTimer = 1;

  const fetch = async (url: string, init: { method: string; body?: string }) => {
    const body = init.body ? JSON.parse(init.body) : undefined;
    calls.push({ method: init.method, url, body });
    const r =
      init.method === 'POST'
        ? (opts.onPost?.(body) ?? { json: { replies: [] } })
        : (opts.onGet?.(new URL(url, 'x-test:/')) ?? { json: { messages: [] } });
    if (r.throws) throw new TypeError('Failed to fetch');
    const status = r.status ?? 200;
    return {
      ok: status >= 200 && status < 300,
      status,
      text: async () => (r.json === undefined ? '' : JSON.stringify(r.json)),
    };
  };

  const context = vm.createContext({
    document: {
      getElementById: (id: string) => (els as Record<string, FakeElement | undefined>)[id] ?? null,
      createElement: (tag: string) => new FakeElement(tag),
    },
    window: { localStorage },
    fetch,
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextTimer++;
      timers.push({ fn, ms, id });
      return id;
    },
    clearTimeout: (id: number) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    encodeURIComponent,
    console,
  });

  const uncaught: unknown[] = [];
  const onUnhandled = (r: unknown) => uncaught.push(r);
  process.on('unhandledRejection', onUnhandled);

  vm.runInContext(extractInlineScript(html), context);

  const flush = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const tick = async () => {
    const due = timers.splice(0, timers.length);
    for (const t of due) t.fn();
    await flush();
  };
  const bubbles = () =>
    els.messages.children.map((c) => ({ cls: c.className, text: c.byClass('text')[0]?.textContent ?? c.textContent }));
  const dispose = () => process.off('unhandledRejection', onUnhandled);

  return { els, calls, storage, timers, flush, tick, bubbles, uncaught, dispose };
}

const view = (id: number, text: string, extra: Partial<OutView> = {}): OutView => ({
  id,
  chatId: 'c1',
  text,
  createdAt: '2025-05-01T08:05:00+08:00',
  ...extra,
});

describe('renderConsolePage — client behaviour (fake DOM)', () => {
  it('fills selects, loads history for the first chat and polls with the cursor', async () => {
    const t = setup({
      onGet: (u) =>
        u.searchParams.get('after') === '0' ? { json: { messages: [view(3, '早上好'), view(5, '提醒')] } } : { json: { messages: [] } },
    });
    await t.flush();
    const chatOpts = t.els['chat-select'].children;
    // The listed chats, then the member's private chat and a new (unbound) group to try 绑定 in.
    expect(chatOpts.map((o) => o.value)).toEqual(['c1', 'c2', '__private__', '__new__']);
    expect(nth(chatOpts, 1).textContent).toBe('澄江专班（澄江市 · 专班）');
    expect(nth(chatOpts, 0).textContent).toContain('</script><b>'); // as text, not markup
    expect(t.els['user-select'].children.map((o) => o.textContent)).toEqual(['李明（干部）', '王<芳>（村干部）', '其他成员…']);
    expect(nth(t.calls, 0)).toMatchObject({ method: 'GET', url: '/dev/messages?chatId=c1&after=0' });
    expect(t.bubbles().filter((b) => b.cls === 'msg bot').map((b) => b.text)).toEqual(['早上好', '提醒']);
    expect(t.timers.length).toBe(1);
    expect(nth(t.timers, 0).ms).toBe(2000);
    await t.tick();
    expect(nth(t.calls, 1).url).toBe('/dev/messages?chatId=c1&after=5');
    expect(t.uncaught).toEqual([]);
    t.dispose();
  });

  it('sends text, shows me + bot bubbles with buttons, and dedupes against the poll', async () => {
    const reply = view(7, '第一行\n第二行', { buttons: [[{ label: '确认', value: 'ok:1' }, { label: '取消', value: 'no' }]] });
    let gets = 0;
    let polled = false;
    const t = setup({
      onPost: () => ({ json: { replies: [reply] } }),
      onGet: () => {
        if (gets++ === 0) return { json: { messages: [] } }; // history
        polled = true;
        return { json: { messages: [view(6, '定时提醒'), reply] } };
      },
    });
    await t.flush();
    t.els.input.value = '帮助';
    const prevented = t.els.input.dispatch('keydown', { key: 'Enter', shiftKey: false, isComposing: false, keyCode: 13 });
    expect(prevented).toBe(true);
    await t.flush();
    const post = t.calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/dev/messages');
    expect(post.body).toEqual({ chatId: 'c1', userId: 'u1', userName: '李明', text: '帮助' });
    expect(t.els.input.value).toBe('');

    const me = t.els.messages.children.find((c) => c.className === 'msg me')!;
    expect(nth(me.byClass('sender'), 0).textContent).toBe('李明');
    expect(nth(me.byClass('time'), 0).textContent).toMatch(/^\d\d:\d\d$/);
    const bot = t.els.messages.children.find((c) => c.className === 'msg bot')!;
    expect(nth(bot.byClass('text'), 0).textContent).toBe('第一行\n第二行');
    expect(nth(bot.byClass('time'), 0).textContent).toMatch(/^\d\d:05$/);
    const buttons = bot.getElementsByTagName('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['确认', '取消']);

    await t.tick();
    expect(polled).toBe(true);
    const botTexts = t.bubbles().filter((b) => b.cls === 'msg bot').map((b) => b.text);
    expect(botTexts).toEqual(['第一行\n第二行', '定时提醒']); // reply #7 not duplicated

    nth(buttons, 0).dispatch('click');
    await t.flush();
    const posts = t.calls.filter((c) => c.method === 'POST');
    expect(nth(posts, 1).body).toEqual({ chatId: 'c1', userId: 'u1', userName: '李明', button: 'ok:1', label: '确认' });
    const notes = t.els.messages.children.filter((c) => c.className.startsWith('msg me'));
    expect(nth(nth(notes, 1).byClass('text'), 0).textContent).toBe('（点击了「确认」）');
    expect(t.uncaught).toEqual([]);
    t.dispose();
  });

  it('ignores Enter while an IME is composing and Shift+Enter', async () => {
    const t = setup({});
    await t.flush();
    t.els.input.value = 'qian';
    expect(t.els.input.dispatch('keydown', { key: 'Enter', isComposing: true, keyCode: 229 })).toBe(false);
    expect(t.els.input.dispatch('keydown', { key: 'Enter', shiftKey: true })).toBe(false);
    await t.flush();
    expect(t.calls.filter((c) => c.method === 'POST')).toEqual([]);
    t.dispose();
  });

  it('shows {error} answers and network failures as red system lines', async () => {
    let mode: 'error' | 'down' = 'error';
    const t = setup({
      onPost: () => (mode === 'error' ? { status: 400, json: { error: '文本不能为空' } } : { throws: true }),
    });
    await t.flush();
    t.els.input.value = 'x';
    t.els.send.dispatch('click');
    await t.flush();
    mode = 'down';
    t.els.input.value = 'y';
    t.els.send.dispatch('click');
    await t.flush();
    const errors = t.bubbles().filter((b) => b.cls === 'msg system error').map((b) => b.text);
    expect(nth(errors, 0)).toContain('文本不能为空');
    expect(nth(errors, 1)).toContain('网络错误');
    expect(t.els.messages.children.filter((c) => c.className === 'msg me failed').length).toBe(2);
    expect(t.uncaught).toEqual([]);
    t.dispose();
  });

  it('reports a failing poll once, keeps retrying, and recovers', async () => {
    let down = false;
    const t = setup({ onGet: () => (down ? { throws: true } : { json: { messages: [] } }) });
    await t.flush();
    down = true;
    await t.tick();
    await t.tick();
    expect(t.bubbles().filter((b) => b.cls === 'msg system error').length).toBe(1);
    expect(t.timers.length).toBe(1);
    down = false;
    await t.tick();
    expect(t.bubbles().some((b) => b.text === '连接已恢复')).toBe(true);
    t.dispose();
  });

  it('switching chats clears the list, reloads history and remembers the choice', async () => {
    const t = setup({
      onGet: (u) => ({ json: { messages: u.searchParams.get('chatId') === 'c2' ? [view(2, '澄江历史', { chatId: 'c2' })] : [view(1, '红塔历史')] } }),
    });
    await t.flush();
    expect(t.bubbles().some((b) => b.text === '红塔历史')).toBe(true);
    t.els['chat-select'].value = 'c2';
    t.els['chat-select'].dispatch('change');
    await t.flush();
    expect(t.bubbles().some((b) => b.text === '红塔历史')).toBe(false);
    expect(t.bubbles().filter((b) => b.cls === 'msg bot').map((b) => b.text)).toEqual(['澄江历史']);
    expect(t.calls.at(-1)!.url).toBe('/dev/messages?chatId=c2&after=0');
    expect(t.storage['guixiang.console.chatId']).toBe('c2');
    expect(t.timers.length).toBe(1);
    t.dispose();
  });

  it('supports a custom member and restores selections from localStorage', async () => {
    const t = setup({
      storage: {
        'guixiang.console.chatId': 'c2',
        'guixiang.console.userId': '__custom__',
        'guixiang.console.customUserId': 'guest-9',
        'guixiang.console.customUserName': '',
      },
    });
    await t.flush();
    expect(t.els['chat-select'].value).toBe('c2');
    expect(t.els['user-select'].value).toBe('__custom__');
    expect(t.els['custom-user'].hidden).toBe(false);
    t.els.input.value = '签到';
    t.els.send.dispatch('click');
    await t.flush();
    expect(t.calls.find((c) => c.method === 'POST')!.body).toEqual({
      chatId: 'c2',
      userId: 'guest-9',
      userName: 'guest-9',
      text: '签到',
    });

    t.els['custom-user-id'].value = '';
    t.els.input.value = '我的';
    t.els.send.dispatch('click');
    await t.flush();
    expect(t.calls.filter((c) => c.method === 'POST').length).toBe(1);
    expect(t.bubbles().at(-1)!.cls).toBe('msg system error');

    t.els['user-select'].value = 'u2';
    t.els['user-select'].dispatch('change');
    expect(t.els['custom-user'].hidden).toBe(true);
    expect(t.storage['guixiang.console.userId']).toBe('u2');
    t.dispose();
  });

  it('chips insert their command into the input', async () => {
    const t = setup({});
    await t.flush();
    const chips = t.els.chips.children;
    nth(chips, 3).dispatch('click');
    expect(t.els.input.value).toBe('建议 ');
    nth(chips, 0).dispatch('click');
    expect(t.els.input.value).toBe('帮助');
    t.dispose();
  });
});

describe('the console script bundle', () => {
  it('is built from the current client.ts (run `npm run build:console` after changing it)', async () => {
    const { readFileSync } = await import('node:fs');
    // @ts-expect-error: a plain .mjs build script without type declarations
    const { CLIENT_MODULE, consoleClientModule, root } = await import('../scripts/console-bundle.mjs');
    expect(readFileSync(`${root}${CLIENT_MODULE}`, 'utf8')).toBe(await consoleClientModule());
  });

  it('shows history in the order it happened: what people said between the bot’s messages', async () => {
    const t = setup({
      onGet: (u) =>
        u.searchParams.get('after') === '0'
          ? { json: { messages: [view(3, '欢迎'), view(5, '已记录 建议#1')], said: [{ afterId: 3, userName: '李明', text: '建议 修路', at: '2025-05-01T08:06:00+08:00' }] } }
          : { json: { messages: [] } },
    });
    await t.flush();
    expect(t.bubbles().filter((b) => b.cls !== 'msg system').map((b) => [b.cls, b.text])).toEqual([
      ['msg bot', '欢迎'],
      ['msg me', '建议 修路'],
      ['msg bot', '已记录 建议#1'],
    ]);
    t.dispose();
  });

  it('tells where replies went that are not in this chat, and shows a toast', async () => {
    const t = setup({ onPost: () => ({ json: { replies: [], elsewhere: [{ chatId: 'private-u1', count: 1 }, { chatId: 'c9', count: 2 }], toast: '已处理' } }) });
    await t.flush();
    t.els.input.value = '看板';
    t.els.send.dispatch('click');
    await t.flush();
    const lines = t.bubbles().filter((b) => b.cls === 'msg system').map((b) => b.text);
    expect(lines).toContain('（已私聊发给您 1 条，在「群聊」里选「与归乡私聊」查看）');
    expect(lines).toContain('（另有 2 条消息发往其他会话）');
    expect(t.els.toast.textContent).toBe('已处理');
    expect(t.els.toast.hidden).toBe(false);
    t.dispose();
  });

  it('talks in the member’s private chat when 与归乡私聊 is picked', async () => {
    const t = setup({});
    await t.flush();
    t.els['chat-select'].value = '__private__';
    t.els['chat-select'].dispatch('change');
    await t.flush();
    expect(t.calls.at(-1)!.url).toBe('/dev/messages?chatId=private-u1&after=0');
    t.els.input.value = '我的';
    t.els.send.dispatch('click');
    await t.flush();
    expect(t.calls.find((c) => c.method === 'POST')!.body).toEqual({ chatId: 'private-u1', userId: 'u1', userName: '李明', text: '我的' });
    t.dispose();
  });
});
