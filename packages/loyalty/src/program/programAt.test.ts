import { describe, expect, it } from 'vitest';
import { parseProgram } from './parseProgram';
import { programAt } from './programAt';
import { sampleProgram } from './sampleProgram';

const version = (n: number, effectiveFrom: string, effectiveUntil?: string) =>
  parseProgram({
    ...sampleProgram,
    version: n,
    effectiveFrom,
    ...(effectiveUntil ? { effectiveUntil } : {}),
  });

const v1 = version(1, '1997-01-01T00:00:00Z');
const v2 = version(2, '1997-07-01T00:00:00Z');
const v3 = version(3, '1998-01-01T00:00:00Z', '1998-06-01T00:00:00Z');
const versions = [v3, v1, v2];

describe('given three versions of a program, listed out of order', () => {
  it('when asked for a time, then the newest version whose effectiveFrom is not after it is picked', () => {
    expect(programAt(versions, '1997-03-01T00:00:00Z')?.version).toBe(1);
    expect(programAt(versions, '1997-07-01T00:00:00Z')?.version).toBe(2);
    expect(programAt(versions, '1998-02-01T00:00:00Z')?.version).toBe(3);
  });

  it('when no version has started, or the newest has closed, then there is none', () => {
    expect(programAt(versions, '1996-12-31T23:59:59Z')).toBeUndefined();
    expect(programAt(versions, '1998-06-01T00:00:00Z')).toBeUndefined();
  });

  it('when two versions start at the same instant, then the higher version is picked', () => {
    const v4 = version(4, '1997-07-01T00:00:00Z');
    expect(programAt([v4, v2], '1997-08-01T00:00:00Z')?.version).toBe(4);
    expect(programAt([v2, v4], '1997-08-01T00:00:00Z')?.version).toBe(4);
  });
});
