import { LakehouseError } from '../../../constructs/lakehouse/lakehouse-error';
import { MINIMUM_STORAGE_DAYS, expiryAfterTransitions, tierSchedule } from '../../../constructs/lakehouse/storage-tiers';

describe('tierSchedule', () => {
  test('GIVEN the default tiers 30/90/365 WHEN scheduled THEN STANDARD_IA, GLACIER_IR, DEEP_ARCHIVE on those days, unchanged', () => {
    expect(tierSchedule({ hotDays: 30, coolDays: 90, archiveDays: 365 })).toEqual({
      transitions: [
        { storageClass: 'STANDARD_IA', days: 30 },
        { storageClass: 'GLACIER_IR', days: 90 },
        { storageClass: 'DEEP_ARCHIVE', days: 365 },
      ],
      adjustments: [],
    });
  });

  test('GIVEN custom tiers 45/120/730 WHEN scheduled THEN those days are used', () => {
    expect(tierSchedule({ hotDays: 45, coolDays: 120, archiveDays: 730 }).transitions.map((t) => t.days)).toEqual([45, 120, 730]);
  });

  test('GIVEN coolDays less than 30 days after hotDays WHEN scheduled THEN GLACIER_IR moves to hotDays + 30 and the move is reported', () => {
    const { transitions, adjustments } = tierSchedule({ hotDays: 30, coolDays: 45, archiveDays: 400 });
    expect(transitions.map((t) => t.days)).toEqual([30, 60, 400]);
    expect(adjustments).toEqual([expect.objectContaining({ tier: 'coolDays', requested: 45, applied: 60 })]);
    expect(adjustments[0].reason).toMatch(/GLACIER_IR at day 45 is less than 30 days after STANDARD_IA at day 30/);
  });

  test('GIVEN an adjusted coolDays WHEN archiveDays is too close to the adjusted day THEN DEEP_ARCHIVE moves too (cascading)', () => {
    const { transitions, adjustments } = tierSchedule({ hotDays: 30, coolDays: 45, archiveDays: 70 });
    expect(transitions.map((t) => t.days)).toEqual([30, 60, 90]);
    expect(adjustments.map((a) => [a.tier, a.applied])).toEqual([
      ['coolDays', 60],
      ['archiveDays', 90],
    ]);
  });

  test('GIVEN hotDays under 30 WHEN scheduled THEN it throws: S3 moves nothing to STANDARD_IA sooner', () => {
    expect(() => tierSchedule({ hotDays: 20, coolDays: 90, archiveDays: 365 })).toThrow(LakehouseError);
    expect(() => tierSchedule({ hotDays: 20, coolDays: 90, archiveDays: 365 })).toThrow(/tiers.hotDays: must be at least 30/);
  });

  test('GIVEN days that do not increase WHEN scheduled THEN it throws with the three values', () => {
    expect(() => tierSchedule({ hotDays: 30, coolDays: 30, archiveDays: 365 })).toThrow(/got 30 \/ 30 \/ 365/);
    expect(() => tierSchedule({ hotDays: 30, coolDays: 90.5, archiveDays: 365 })).toThrow(/tiers.coolDays: must be a positive whole number/);
  });
});

describe('expiryAfterTransitions', () => {
  test('GIVEN no transitions WHEN the expiry is computed THEN it is the floor', () => {
    expect(expiryAfterTransitions([], 90)).toBe(90);
  });

  test('GIVEN a last transition to DEEP_ARCHIVE at 365 WHEN the floor is 90 THEN the expiry waits out the 180-day minimum storage: 545', () => {
    expect(MINIMUM_STORAGE_DAYS.DEEP_ARCHIVE).toBe(180);
    expect(expiryAfterTransitions(tierSchedule({ hotDays: 30, coolDays: 90, archiveDays: 365 }).transitions, 90)).toBe(545);
  });

  test('GIVEN a floor later than the last tier plus its minimum WHEN computed THEN the floor wins', () => {
    expect(expiryAfterTransitions([{ storageClass: 'STANDARD_IA', days: 30 }], 400)).toBe(400);
  });
});
