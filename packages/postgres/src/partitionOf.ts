/**
 * The stable 32-bit hash of a partition key: FNV-1a over the key's UTF-8 bytes (a lone surrogate counts as U+FFFD,
 * as `TextEncoder` writes it), then MurmurHash3's 32-bit finaliser so the low bits, which `% count` keeps, are well
 * mixed. Pure arithmetic on the key's bytes: the same in every process, platform and version. Never change it: a
 * partitioned projection's checkpoints depend on it.
 */
export const partitionHash = (key: string): number => {
  let hash = 0x811c9dc5;
  const byte = (value: number) => {
    hash = Math.imul(hash ^ value, 0x01000193);
  };
  for (let i = 0; i < key.length; i++) {
    let code = key.charCodeAt(i);
    if (code < 0x80) {
      byte(code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = key.charCodeAt(i + 1);
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else code = 0xfffd;
    }
    if (code < 0x800) {
      byte(0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      byte(0xe0 | (code >> 12));
      byte(0x80 | ((code >> 6) & 0x3f));
    } else {
      byte(0xf0 | (code >> 18));
      byte(0x80 | ((code >> 12) & 0x3f));
      byte(0x80 | ((code >> 6) & 0x3f));
    }
    byte(0x80 | (code & 0x3f));
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
};

/** The partition (0 to `count` − 1) a document key belongs to: `partitionHash(key) % count`. */
export const partitionOf = (key: string, count: number): number => partitionHash(key) % count;
