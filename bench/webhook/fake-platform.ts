/**
 * The platforms' APIs for the benchmark, in a process of their own so their work is not counted
 * against the servers: the fake Bot API (one for our bot, one for the grammY echo bot, so their
 * messages are counted apart) and the fake Feishu Open API from the tests, on 127.0.0.1, and a
 * port answering GET with how many messages each has received. Prints one JSON line with the
 * addresses. With BOT_API_ANSWER_AFTER_MS the Bot APIs answer that long after each request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeOpenApi } from '../../test/lark/fake-open-api.js';
import { fakeBotApi, serveFakeBotApi } from '../../test/telegram/support/fake-bot-api.js';

async function main(): Promise<void> {
  // BOT_API_ANSWER_AFTER_MS: the Bot API's round trip, as a bot on a real network meets it.
  const answerAfterMs = Number(process.env.BOT_API_ANSWER_AFTER_MS ?? 0);
  const telegram = fakeBotApi();
  const telegramServer = await serveFakeBotApi(telegram, { answerAfterMs });
  const echo = fakeBotApi();
  const echoServer = await serveFakeBotApi(echo, { answerAfterMs });
  const lark = await startFakeOpenApi();
  const counts = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ telegram: telegram.sends().length, echo: echo.sends().length, lark: lark.sends().length }));
  });
  await new Promise<void>((resolve) => counts.listen(0, '127.0.0.1', resolve));
  const { port } = counts.address() as AddressInfo;
  console.log(JSON.stringify({ telegram: telegramServer.url, echo: echoServer.url, lark: lark.url, counts: `http://127.0.0.1:${port}` }));
}

void main();
