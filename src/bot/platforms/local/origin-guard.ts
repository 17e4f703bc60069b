import type { MiddlewareHandler } from 'hono';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The console speaks as anyone it is told to, so only the machine itself (or the deployment's
 * own PUBLIC_URL) may reach it. The Host check stops DNS rebinding: a page on another name that
 * resolves to 127.0.0.1 still sends its own name. The Origin check stops a page on another site
 * from posting to the console through the operator's browser. Clients that send no Origin (curl,
 * scripts on the machine) are not browsers acting for a page, and pass.
 */
export function consoleOriginGuard(publicUrl: string | undefined): MiddlewareHandler {
  const allowed = new Set(LOOPBACK);
  if (publicUrl) allowed.add(new URL(publicUrl).hostname.toLowerCase());
  const allowedHost = (host: string) => allowed.has(host.toLowerCase());
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (!allowedHost(url.hostname)) return c.json({ error: '调试台只能从本机或 PUBLIC_URL 的地址打开' }, 403);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      let sameSite = true;
      if (origin !== undefined) {
        try {
          const o = new URL(origin);
          sameSite = o.host.toLowerCase() === url.host.toLowerCase() && allowedHost(o.hostname);
        } catch {
          sameSite = false;
        }
      }
      if (!sameSite || c.req.header('sec-fetch-site') === 'cross-site') return c.json({ error: '调试台不接受来自其他网站的请求' }, 403);
    }
    await next();
  };
}
