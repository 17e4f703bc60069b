import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeCom's callback encryption (回调和回复的加解密方案), shared by the smart robot (智能机器人)
 * and self-built apps:
 * - msg_signature = SHA-1 hex of the token, timestamp, nonce and ciphertext, sorted and joined;
 * - the AES key is Base64(EncodingAESKey + "="): 43 characters give 32 bytes; the IV is its first 16;
 * - plaintext = 16 random bytes ‖ message length (4 bytes, big-endian) ‖ message ‖ receive id,
 *   PKCS#7-padded to 32-byte blocks (not AES's 16), AES-256-CBC, then Base64.
 * The receive id is the corp id for apps and the empty string for an internal smart robot.
 */
const BLOCK = 32;

export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) throw new Error('EncodingAESKey must be 43 characters of Base64 (32 bytes)');
  return key;
}

export function msgSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join(''), 'utf8').digest('hex');
}

/** Throws on a wrong key, damaged ciphertext or a receive id that is not ours: callers treat it as forged. */
export function decryptMessage(encodingAesKey: string, encrypted: string, receiveId: string): string {
  const key = aesKeyOf(encodingAesKey);
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length === 0 || bytes.length % 16 !== 0) throw new Error('ciphertext has the wrong length');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(bytes), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > padded.length) throw new Error('bad padding');
  for (let i = 1; i <= pad; i++) if (padded[padded.length - i] !== pad) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new Error('plaintext too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new Error('message length out of range');
  const trailing = plain.subarray(20 + length).toString('utf8');
  if (trailing !== receiveId) throw new Error('receive id does not match');
  return plain.subarray(20, 20 + length).toString('utf8');
}

/** The inverse, as WeCom does it: for passive replies and for building test deliveries. */
export function encryptMessage(encodingAesKey: string, message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const raw = Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = BLOCK - (raw.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** Compares signatures without leaking through timing how many leading characters matched. */
export function sameSignature(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
