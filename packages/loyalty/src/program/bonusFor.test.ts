import { ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { bonusFor } from './bonusFor';
import { parseProgram } from './parseProgram';
import { sampleProgram } from './sampleProgram';

const program = parseProgram({
  ...sampleProgram,
  effectiveUntil: '1999-01-01T00:00:00Z',
  earning: {
    ...sampleProgram.earning,
    bonuses: [
      { id: 'birthday', trigger: 'birthday', points: 25 },
      {
        id: 'birthday-97',
        trigger: 'birthday',
        points: 75,
        validFrom: '1997-01-01T00:00:00Z',
        validUntil: '1998-01-01T00:00:00Z',
      },
      { id: 'welcome', trigger: 'enrolment', points: 50 },
    ],
  },
});

describe('given bonus rules for events', () => {
  it('when a member has a birthday in 1997, then the standing and the 1997 rule both apply, in program order', () => {
    expect(bonusFor(program, 'birthday', '1997-05-05T09:00:00Z')).toEqual({
      programId: 'cdnow-rewards',
      version: 1,
      points: 100,
      components: [
        { ruleId: 'birthday', kind: 'bonus', points: 25, basis: { trigger: 'birthday' } },
        { ruleId: 'birthday-97', kind: 'bonus', points: 75, basis: { trigger: 'birthday' } },
      ],
      reason: 'earned',
    });
  });

  it('when the birthday is in 1998, then the 1997 rule has ended and only the standing rule applies', () => {
    expect(bonusFor(program, 'birthday', '1998-01-01T00:00:00Z').points).toBe(25);
  });

  it('when no rule is for the event, then nothing is earned and the reason says so', () => {
    expect(bonusFor(program, 'referral', '1997-05-05T09:00:00Z')).toMatchObject({
      points: 0,
      reason: 'no_rule',
    });
  });

  it('when the program is not in force, then no bonus is given', () => {
    for (const at of ['1996-12-31T23:59:59Z', '1999-01-01T00:00:00Z'])
      expect(bonusFor(program, 'enrolment', at)).toMatchObject({ points: 0, reason: 'program_not_in_force' });
  });

  it('when the time is not an ISO date-time, then a ValidationError names it', () => {
    expect(() => bonusFor(program, 'enrolment', 'yesterday')).toThrow(ValidationError);
  });
});
