import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * 国密 primitives behind one interface (ARCHITECTURE §7) so a certified 密码机 can replace them.
 * Field encryption is SM4-CTR + HMAC-SM3 encrypt-then-MAC (Node's OpenSSL 3.0 has no SM4-GCM); the AAD
 * binds a ciphertext to its table, column and row so values cannot be swapped between rows.
 */
export interface CryptoProvider {
  sm3(data: string | Buffer): string;
  encryptField(plaintext: string, aad: string): string;
  decryptField(token: string, aad: string): string;
  /** Keyed blind index for exact lookup and uniqueness (HMAC-SM3 of the normalised value). */
  blindIndex(purpose: 'idNumber' | 'phone', normalised: string): string;
  /** Derive a per-purpose 32-byte key. */
  deriveKey(purpose: string): Buffer;
  /** HMAC-SM3 under a per-purpose derived key (hex), e.g. the keyed audit chain. */
  mac(purpose: string, data: string): string;
}

const VERSION = 'v1';

export function parseMasterKey(raw: string): Buffer {
  const s = raw.trim();
  const key = /^[0-9a-fA-F]+$/.test(s) && s.length % 2 === 0 ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (key.length < 32) throw new Error('XIANFENG_MASTER_KEY must be at least 32 bytes (64 hex characters or 44 base64 characters)');
  return key;
}

/** The master key from the environment, or a 0600 key file in the data folder created on first start. */
export function loadMasterKey(opts: { masterKey: string | null; dataDir: string }): Buffer {
  if (opts.masterKey) return parseMasterKey(opts.masterKey);
  const file = path.join(opts.dataDir, 'master.key');
  if (fs.existsSync(file)) return parseMasterKey(fs.readFileSync(file, 'utf8'));
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function createSmCrypto(master: Buffer): CryptoProvider {
  const derive = (purpose: string) => crypto.createHmac('sm3', master).update(`xianfeng:${purpose}:${VERSION}`).digest();
  const encKey = derive('pii-enc').subarray(0, 16);
  const macKey = derive('pii-mac');
  const idxKey = derive('pii-idx');
  const mac = (iv: Buffer, ct: Buffer, aad: string) =>
    crypto.createHmac('sm3', macKey).update(VERSION).update(iv).update(ct).update(aad, 'utf8').digest();

  return {
    sm3: (data) => crypto.createHash('sm3').update(data).digest('hex'),
    deriveKey: derive,
    mac: (purpose, data) => crypto.createHmac('sm3', derive(purpose)).update(data, 'utf8').digest('hex'),
    encryptField(plaintext, aad) {
      const iv = crypto.randomBytes(16);
      const cipher = crypto.createCipheriv('sm4-ctr', encKey, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, ct, mac(iv, ct, aad)]).toString('base64')}`;
    },
    decryptField(token, aad) {
      const [version, body] = token.split('.');
      if (version !== VERSION || !body) throw new Error('unknown field ciphertext version');
      const raw = Buffer.from(body, 'base64');
      const iv = raw.subarray(0, 16);
      const ct = raw.subarray(16, raw.length - 32);
      const tag = raw.subarray(raw.length - 32);
      if (!crypto.timingSafeEqual(tag, mac(iv, ct, aad))) throw new Error('field ciphertext failed authentication');
      const decipher = crypto.createDecipheriv('sm4-ctr', encKey, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    },
    blindIndex: (purpose, normalised) => crypto.createHmac('sm3', idxKey).update(`${purpose}:${normalised}`).digest('hex'),
  };
}
