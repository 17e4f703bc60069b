import { eq } from 'drizzle-orm';
import { stationSettings } from '../../../db/schema/index.js';
import type { Store } from '../../../db/store.js';

/** A dashboard link is good for a day: long enough for a working day, short enough if forwarded. */
export const LINK_TTL_MS = 24 * 60 * 60 * 1000;

const SECRET_KEY = 'dashboard_secret';
// Bumping the label invalidates every link issued before, without changing the secret.
const KEY_LABEL = 'guixiang/dashboard-link/v1';

export interface LinkParams {
  /** Region code the link opens, or '*' for everything. */
  scope: string;
  /** Epoch ms after which the link is refused. */
  expires: number;
}

export type LinkCheck = { ok: true; params: LinkParams } | { ok: false; reason: 'invalid' | 'expired' };

export interface DashboardKeys {
  sign(params: LinkParams): Promise<string>;
  verify(query: { r?: string | undefined; e?: string | undefined; s?: string | undefined }, now: number): Promise<LinkCheck>;
}

const enc = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{1,128}$/u.test(text)) return null;
  const s = atob(text.replace(/-/gu, '+').replace(/_/gu, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function message(p: LinkParams): Uint8Array<ArrayBuffer> {
  return enc.encode(`${p.scope}\n${p.expires}`);
}

/**
 * Signs and checks dashboard links with HMAC-SHA256 over region and expiry. The signing key is
 * derived from DASHBOARD_SECRET, or, when that is not set, from a random secret kept in this
 * database, so links from one deployment never open another's dashboard. Web Crypto only: the
 * same code runs on Node and Workers.
 */
export function createDashboardKeys(deps: { store: Store; secret?: string | undefined; now: () => number }): DashboardKeys {
  let key: Promise<CryptoKey> | null = null;

  async function storedSecret(): Promise<string> {
    const read = async () =>
      (await deps.store.db.select({ value: stationSettings.value }).from(stationSettings).where(eq(stationSettings.key, SECRET_KEY)).limit(1))[0]?.value;
    const existing = await read();
    if (existing) return existing;
    const fresh = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    // Two processes may race here; the first insert wins and both then read the same secret.
    await deps.store.commit([
      deps.store.db.insert(stationSettings).values({ key: SECRET_KEY, value: fresh, createdAt: deps.now() }).onConflictDoNothing(),
    ]);
    return (await read()) ?? fresh;
  }

  async function deriveKey(): Promise<CryptoKey> {
    const secret = deps.secret ?? (await storedSecret());
    const base = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const derived = new Uint8Array(await crypto.subtle.sign('HMAC', base, enc.encode(KEY_LABEL)));
    return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  function getKey(): Promise<CryptoKey> {
    if (!key) {
      key = deriveKey();
      // A failed read (database busy) must not poison every later link.
      key.catch(() => {
        key = null;
      });
    }
    return key;
  }

  return {
    async sign(params) {
      const sig = await crypto.subtle.sign('HMAC', await getKey(), message(params));
      return toBase64Url(new Uint8Array(sig));
    },
    async verify(query, now) {
      const { r, e, s } = query;
      if (!r || !e || !s || r.length > 64 || !/^\d{1,16}$/u.test(e)) return { ok: false, reason: 'invalid' };
      const sig = fromBase64Url(s);
      if (!sig) return { ok: false, reason: 'invalid' };
      const params = { scope: r, expires: Number(e) };
      // crypto.subtle.verify compares in constant time.
      const good = await crypto.subtle.verify('HMAC', await getKey(), sig, message(params));
      if (!good) return { ok: false, reason: 'invalid' };
      if (params.expires <= now) return { ok: false, reason: 'expired' };
      return { ok: true, params };
    },
  };
}
