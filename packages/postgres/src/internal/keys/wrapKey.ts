import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { RapportError } from '@rapport/core';

/** Data keys are 256 bits. */
export const keyBytes = 32;
const WRAPPED = 1;

const aad = (tenant: string, customer: string) => Buffer.from(`rapport-key\u001f${tenant}\u001f${customer}`);

/**
 * Wraps a data key under the key-encryption key (AES-256-GCM, bound to tenant and customer): `01 | iv | key | tag`,
 * 61 bytes. Without a key-encryption key the material is stored as it is (32 bytes).
 */
export const wrapKey = (
  material: Uint8Array,
  kek: Uint8Array | undefined,
  tenant: string,
  customer: string,
): Buffer => {
  if (kek === undefined) return Buffer.from(material);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad(tenant, customer));
  return Buffer.concat([
    Buffer.of(WRAPPED),
    iv,
    cipher.update(material),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
};

/** Unwraps what `wrapKey` stored; throws if it was wrapped and the key-encryption key is missing or wrong. */
export const unwrapKey = (
  stored: Buffer,
  kek: Uint8Array | undefined,
  tenant: string,
  customer: string,
): Uint8Array => {
  if (stored.length === keyBytes) return new Uint8Array(stored);
  if (kek === undefined || stored[0] !== WRAPPED || stored.length !== 1 + 12 + keyBytes + 16) {
    throw new RapportError(
      'Configuration',
      'postgres key store: a stored data key is wrapped, and this store has no keyEncryptionKey to unwrap it',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, stored.subarray(1, 13));
    decipher.setAAD(aad(tenant, customer));
    decipher.setAuthTag(stored.subarray(13 + keyBytes));
    return new Uint8Array(
      Buffer.concat([decipher.update(stored.subarray(13, 13 + keyBytes)), decipher.final()]),
    );
  } catch (cause) {
    throw new RapportError(
      'Configuration',
      'postgres key store: a data key does not unwrap with this keyEncryptionKey',
      {
        cause,
      },
    );
  }
};
