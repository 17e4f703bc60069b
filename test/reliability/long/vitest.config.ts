import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: the whole reliability suite, including the long tests that start
 * the real server in child processes (left out of `npm test` by the root config).
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // The long tests measure and kill servers; run the files one at a time.
    fileParallelism: false,
  },
});
