import { describe, expect, it } from 'vitest';
import { aesKeyOf, decryptMessage, encryptMessage, msgSignature } from '../../src/bot/platforms/wecom/crypto.js';
import { verifyWecomEcho, verifyWecomPost } from '../../src/bot/platforms/wecom/verify.js';

const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const TOKEN = 'QDG6eK';
const NOW = Date.parse('2026-12-01T02:00:00Z');
const TS = String(NOW / 1000);
const security = { token: TOKEN, encodingAesKey: KEY, receiveId: '' };

describe('WeCom callback crypto', () => {
  it('decrypts what it encrypts, with WeCom’s 32-byte padding and the receive id checked', () => {
    const random = Buffer.alloc(16, 7);
    const enc = encryptMessage(KEY, '{"msgid":"m1"}', 'wwcorp', random);
    expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
    expect(decryptMessage(KEY, enc, 'wwcorp')).toBe('{"msgid":"m1"}');
    expect(() => decryptMessage(KEY, enc, '')).toThrow('receive id');
    expect(() => decryptMessage('A'.repeat(43), enc, 'wwcorp')).toThrow();
  });

  it('agrees with WeCom’s own library (@wecom/crypto) on a ciphertext and its signature', () => {
    // Made once with @wecom/crypto 1.0.1: encrypt(KEY, '{"msgid":"vector"}', 'wwvector') and
    // getSignature('QDG6eK', '1796090400', 'vector-nonce', <that ciphertext>).
    const enc = '/FyCz7S+PbwtOU4rVc24ExZjdeNbOOED3OA79xacICPhup5zA0q0C2KDub87lqYAbABnOWLiG47bfNOEryFh9g==';
    expect(decryptMessage(KEY, enc, 'wwvector')).toBe('{"msgid":"vector"}');
    expect(msgSignature('QDG6eK', '1796090400', 'vector-nonce', enc)).toBe('f643a4c1bd05534b6b2224453650f81f3d1ebf21');
    expect(aesKeyOf(KEY)).toHaveLength(32);
    expect(() => aesKeyOf('short')).toThrow('43 characters');
  });

  it('answers the URL check with the decrypted echostr, and refuses a forged or stale one', () => {
    const echostr = encryptMessage(KEY, '1616140317555161061', '');
    const signature = msgSignature(TOKEN, TS, 'n1', echostr);
    expect(verifyWecomEcho({ signature, timestamp: TS, nonce: 'n1', echostr }, security, NOW)).toEqual({ kind: 'echo', echo: '1616140317555161061' });
    expect(verifyWecomEcho({ signature: '0'.repeat(40), timestamp: TS, nonce: 'n1', echostr }, security, NOW)).toMatchObject({ kind: 'refused', status: 401 });
    expect(verifyWecomEcho({ signature, timestamp: TS, nonce: 'n1', echostr }, security, NOW + 6 * 60_000)).toMatchObject({ kind: 'refused', status: 401, reason: 'timestamp is too far from now' });
  });

  it('opens a signed POST body and refuses what is unsigned, forged, stale, undecryptable or not JSON', () => {
    const encrypt = encryptMessage(KEY, JSON.stringify({ msgid: 'm1', msgtype: 'text' }), '');
    const raw = JSON.stringify({ encrypt });
    const q = { signature: msgSignature(TOKEN, TS, 'n2', encrypt), timestamp: TS, nonce: 'n2' };
    expect(verifyWecomPost(q, raw, security, NOW)).toEqual({ kind: 'event', body: { msgid: 'm1', msgtype: 'text' } });
    expect(verifyWecomPost({ ...q, signature: undefined }, raw, security, NOW)).toMatchObject({ status: 400 });
    expect(verifyWecomPost({ ...q, nonce: 'other' }, raw, security, NOW)).toMatchObject({ status: 401, reason: 'signature does not match' });
    expect(verifyWecomPost(q, raw, security, NOW - 10 * 60_000)).toMatchObject({ status: 401 });
    expect(verifyWecomPost(q, 'not json', security, NOW)).toMatchObject({ status: 400 });
    const junk = Buffer.alloc(48, 1).toString('base64');
    expect(verifyWecomPost({ ...q, signature: msgSignature(TOKEN, TS, 'n2', junk) }, JSON.stringify({ encrypt: junk }), security, NOW)).toMatchObject({ status: 401, reason: 'body does not decrypt' });
    const notJson = encryptMessage(KEY, 'hello', '');
    expect(verifyWecomPost({ ...q, signature: msgSignature(TOKEN, TS, 'n2', notJson) }, JSON.stringify({ encrypt: notJson }), security, NOW)).toMatchObject({ status: 400 });
  });
});
