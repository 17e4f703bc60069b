/**
 * Builds src/node.ts into dist/ for `npm start` (its prestart) and `npm install` (prepare): plain
 * Node then runs JavaScript, without tsx's loader in memory. Packages stay in node_modules (native
 * better-sqlite3, the wasm and font files found through require.resolve); code splitting keeps
 * the modules loaded on demand (the Feishu adapter and its SDK, exceljs) out of the start-up path.
 *
 * A service may run with the app directory read-only (systemd ProtectSystem=strict); it then
 * starts the build that `npm ci` made, which came from the same sources.
 */
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

try {
  // Chunk names carry a content hash; without this, old chunks would pile up.
  rmSync(`${dist}/node-chunks`, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/node.ts'],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    outdir: dist,
    chunkNames: 'node-chunks/[name]-[hash]',
    logLevel: 'warning',
  });
} catch (err) {
  const code = err && typeof err === 'object' && 'code' in err ? err.code : undefined;
  if ((code === 'EROFS' || code === 'EACCES' || code === 'EPERM') && existsSync(`${dist}/node.js`)) {
    console.error(`dist/ is not writable here (${code}); starting the existing build`);
  } else if (process.argv.includes('--at-install')) {
    // An install must not fail on source that does not build yet; `npm start` builds again and stops there.
    console.error('dist/node.js was not built; `npm start` will try again');
  } else {
    throw err;
  }
}
