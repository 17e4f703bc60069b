import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Feishu's event encryption: AES-256-CBC, key = SHA-256 of the encrypt key, base64(IV ‖ ciphertext). */
function keyOf(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey).digest();
}

/** Throws on a wrong key or damaged ciphertext (bad padding), which callers treat as forged. */
export function decryptEvent(encryptKey: string, encrypted: string): string {
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length < 32 || bytes.length % 16 !== 0) throw new Error('ciphertext has the wrong length');
  const decipher = createDecipheriv('aes-256-cbc', keyOf(encryptKey), bytes.subarray(0, 16));
  return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
}

/** The inverse of decryptEvent, as Feishu does it; used to build signed test deliveries. */
export function encryptEvent(encryptKey: string, plain: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** X-Lark-Signature: SHA-256 hex of timestamp + nonce + encrypt key + the raw request body. */
export function eventSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody, 'utf8').digest('hex');
}

/** Compares secrets without leaking through timing how many leading characters matched. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
