/** A worker thread for test/engine/thread.test.ts: doubles numbers, fails or exits on request, tells its nice value. */
import { readFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { answerRequests } from '../../../src/bot/engine/thread.js';

export type EchoRequest = { op: 'double'; value: number } | { op: 'fail' } | { op: 'exit' } | { op: 'nice' } | { op: 'id' };

answerRequests<EchoRequest, number>(async (r) => {
  if (r.op === 'double') return r.value * 2;
  if (r.op === 'fail') throw new Error('asked to fail');
  if (r.op === 'exit') process.exit(3);
  if (r.op === 'id') return threadId;
  // Field 19 of /proc/<tid>/stat: the nice value of this thread alone.
  return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16]);
});
