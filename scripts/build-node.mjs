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

/** Bare imports resolve to node_modules at run time, but for the packages named here. */
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages-except',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (bundled.some((name) => args.path === name || args.path.startsWith(`${name}/`))) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

try {
  // Chunk names carry a content hash; without this, old chunks would pile up.
  rmSync(`${dist}/node-chunks`, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    // The worker threads (src/node.ts starts them as dist/<name>.js) share chunks with the server.
    entryPoints: [
      'src/node.ts',
      { in: 'src/bot/features/spreadsheets/ledger-thread.ts', out: 'ledger-thread' },
      { in: 'src/bot/features/core/nudge-thread.ts', out: 'nudge-thread' },
      { in: 'src/bot/features/stations/stats-thread.ts', out: 'stats-thread' },
      { in: 'src/bot/engine/charts/thread.ts', out: 'chart-thread' },
    ],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages stay in node_modules, except the Feishu SDK: its ES build is bundled and minified
    // here (6.2 MB of source down to about 1.5 MB), which takes some 30 MB off the memory of a
    // process with Feishu configured. Its own dependencies stay external.
    plugins: [externalPackagesExcept(['@larksuiteoapi/node-sdk'])],
    mainFields: ['module', 'main'],
    // The SDK's ES build reads its version relative to __dirname, which ES modules lack.
    define: { __dirname: 'import.meta.dirname' },
    // ...and loads protobufjs with require(), which ES modules lack too.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    minify: true,
    sourcemap: true,
    // Stack traces point into src/ (and node_modules) by file and line; the maps need not carry
    // the sources too, and Node reads every map of a loaded chunk when source maps are enabled.
    sourcesContent: false,
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
