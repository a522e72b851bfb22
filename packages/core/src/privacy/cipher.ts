import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './keyStore';

const PREFIX = 'rapport:enc:1:';

/** True when a stored string is a Rapport ciphertext token. */
export const isCiphertext = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

/** Encrypts any JSON value with AES-256-GCM into a self-describing token bound to `context` (tenant and customer). */
export const encryptValue = (value: unknown, key: DataKey, context: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([
    cipher.update(JSON.stringify(value), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return `${PREFIX}${key.version}:${iv.toString('base64url')}:${body.toString('base64url')}`;
};

/** The key version a token was written with, or undefined if it is not a token. */
export const tokenKeyVersion = (token: string): number | undefined => {
  if (!isCiphertext(token)) return undefined;
  const version = Number(token.slice(PREFIX.length, token.indexOf(':', PREFIX.length)));
  return Number.isInteger(version) && version > 0 ? version : undefined;
};

/** Decrypts a token; throws if the key or context is wrong or the token was tampered with. */
export const decryptValue = (token: string, key: DataKey, context: string): unknown => {
  const [, ivText, bodyText] = token.slice(PREFIX.length).split(':');
  const body = Buffer.from(bodyText ?? '', 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.material, Buffer.from(ivText ?? '', 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return JSON.parse(
    Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8'),
  );
};
