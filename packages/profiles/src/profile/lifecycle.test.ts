import { foldProjection } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { createHistory, ms, profileOf, purchase } from '../__fixtures__/events';
import { createProfileProjection } from './profileProjection';

const day = (n: number, time = '10:00:00.000') =>
  new Date(Date.parse(`2025-01-01T${time}Z`) + n * 86_400_000).toISOString();

describe('lifecycle stage', () => {
  it('moves prospect → new → repeat as events arrive', () => {
    const { event, events } = createHistory();
    event('CustomerRegistered', { kind: 'prospect' }, day(0));
    expect(profileOf(events).stage).toBe('prospect');
    event('PurchaseCompleted', purchase('o1', 100), day(1));
    expect(profileOf(events).stage).toBe('new');
    event('PurchaseCompleted', purchase('o2', 100), day(2));
    expect(profileOf(events).stage).toBe('repeat');
  });

  it('turns at risk on the 90th day without a purchase, and lapsed on the 180th, with no new event', () => {
    const { event, events } = createHistory();
    event('CustomerRegistered', { kind: 'customer' }, day(0));
    event('PurchaseCompleted', purchase('o1', 100), day(0));
    event('PurchaseCompleted', purchase('o2', 100), day(10));
    const atDay = (n: number, time?: string) => profileOf(events, day(n, time)).stage;
    expect(atDay(99, '09:59:59.999')).toBe('repeat');
    expect(atDay(100)).toBe('atRisk');
    expect(profileOf(events, day(100, '11:00:00.000')).asOf).toBe(ms(day(100)));
    expect(atDay(189, '23:00:00.000')).toBe('atRisk');
    expect(atDay(190)).toBe('lapsed');
    expect(atDay(1000)).toBe('lapsed');
  });

  it('leaves at risk when the customer buys again', () => {
    const { event, events } = createHistory();
    event('PurchaseCompleted', purchase('o1', 100), day(0));
    event('PurchaseCompleted', purchase('o2', 100), day(1));
    event('PurchaseCompleted', purchase('o3', 100), day(120));
    expect(profileOf(events, day(119)).stage).toBe('atRisk');
    expect(profileOf(events).stage).toBe('repeat');
  });

  it('is loyal with 4 purchases within 365 days, and stops being loyal when the window slides past them', () => {
    const { event, events } = createHistory();
    for (const [i, n] of [0, 30, 60, 85].entries())
      event('PurchaseCompleted', purchase(`o${i}`, 100), day(n));
    expect(profileOf(events).stage).toBe('loyal');
    for (const [i, n] of [170, 250, 330].entries())
      event('PurchaseCompleted', purchase(`p${i}`, 100), day(n));
    // at day 400 the 4 most recent purchases (330, 250, 170, 85) are within 365 days; day 420 is 90 days idle
    expect(profileOf(events, day(400)).stage).toBe('loyal');
    expect(profileOf(events, day(420)).stage).toBe('atRisk');
    const { event: again, events: steady } = createHistory();
    for (const [i, n] of [0, 80, 160, 240, 320, 380].entries())
      again('PurchaseCompleted', purchase(`o${i}`, 100), day(n));
    expect(profileOf(steady, day(380)).stage).toBe('loyal');
    // purchases at 160, 240, 320, 380: loyal until day 525; but at risk from day 470 anyway
    expect(profileOf(steady, day(469)).stage).toBe('loyal');
    expect(profileOf(steady, day(470)).stage).toBe('atRisk');
  });

  it('drops from loyal to repeat by timer when an old purchase leaves the window before the customer is at risk', () => {
    const { event, events } = createHistory();
    for (const [i, n] of [0, 10, 20, 300, 380].entries())
      event('PurchaseCompleted', purchase(`o${i}`, 100), day(n));
    // at day 380 the 4 most recent are 380, 300, 20, 10: day 10 is 370 days ago, so not loyal
    expect(profileOf(events, day(380)).stage).toBe('repeat');
    const { event: e2, events: h2 } = createHistory();
    for (const [i, n] of [0, 10, 20, 300, 360].entries())
      e2('PurchaseCompleted', purchase(`o${i}`, 100), day(n));
    expect(profileOf(h2, day(360)).stage).toBe('loyal');
    expect(profileOf(h2, day(374, '09:59:59.999')).stage).toBe('loyal');
    expect(profileOf(h2, day(375)).stage).toBe('repeat');
  });

  it('is won back by a purchase after a lapse, or after a defection', () => {
    const { event, events } = createHistory();
    event('PurchaseCompleted', purchase('o1', 100), day(0));
    expect(profileOf(events, day(200)).stage).toBe('lapsed');
    event('PurchaseCompleted', purchase('o2', 100), day(200));
    expect(profileOf(events).stage).toBe('wonBack');
    expect(profileOf(events, day(289)).stage).toBe('wonBack');
    expect(profileOf(events, day(290)).stage).toBe('atRisk');
    event('PurchaseCompleted', purchase('o3', 100), day(210));
    expect(profileOf(events).stage).toBe('repeat');

    const { event: e2, events: h2 } = createHistory();
    e2('PurchaseCompleted', purchase('o1', 100), day(0));
    e2('DefectedToCompetitor', { competitor: 'Rival', reason: 'price' }, day(20));
    expect(profileOf(h2).stage).toBe('defected');
    expect(profileOf(h2, day(400)).stage).toBe('defected');
    e2('PurchaseCompleted', purchase('o2', 100), day(40));
    expect(profileOf(h2).stage).toBe('wonBack');
  });

  it('follows configured thresholds', () => {
    const { event, events } = createHistory();
    event('PurchaseCompleted', purchase('o1', 100), day(0));
    const projection = createProfileProjection({ lifecycle: { atRiskAfterDays: 30, lapsedAfterDays: 60 } });
    const at = (n: number) =>
      foldProjection(projection, events, { until: day(n) }).documents.get('c1')?.stage;
    expect([at(29), at(30), at(59), at(60)]).toEqual(['new', 'atRisk', 'atRisk', 'lapsed']);
    expect(() =>
      createProfileProjection({ lifecycle: { atRiskAfterDays: 90, lapsedAfterDays: 60 } }),
    ).toThrow(/lapsedAfterDays \(60\) must be greater than atRiskAfterDays \(90\)/);
  });
});
