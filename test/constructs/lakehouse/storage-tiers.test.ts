import { LakehouseError } from '../../../constructs/lakehouse/lakehouse-error';
import { MINIMUM_STORAGE_DAYS, tierProblems } from '../../../catalog/s3-lifecycle-rules';
import { expiryAfterTransitions, tierSchedule } from '../../../constructs/lakehouse/storage-tiers';

describe('tierProblems', () => {
  test('GIVEN the default tiers 30/90/365 or the tightest accepted 30/60/90 WHEN checked THEN there is no problem', () => {
    expect(tierProblems({ hotDays: 30, coolDays: 90, archiveDays: 365 })).toEqual([]);
    expect(tierProblems({ hotDays: 30, coolDays: 60, archiveDays: 90 })).toEqual([]);
  });

  test('GIVEN coolDays less than 30 days after hotDays WHEN checked THEN coolDays is named with the STANDARD_IA → GLACIER_IR rule', () => {
    expect(tierProblems({ hotDays: 30, coolDays: 45, archiveDays: 400 })).toEqual([
      {
        tier: 'coolDays',
        message: 'must be at least 30 days after hotDays (30), because S3 keeps objects 30 days in STANDARD_IA before a GLACIER_IR transition; got 45',
      },
    ]);
  });

  test('GIVEN archiveDays less than 30 days after coolDays WHEN checked THEN archiveDays is named with the GLACIER_IR → DEEP_ARCHIVE rule', () => {
    expect(tierProblems({ hotDays: 30, coolDays: 90, archiveDays: 100 })).toEqual([
      {
        tier: 'archiveDays',
        message: 'must be at least 30 days after coolDays (90), because S3 keeps objects 30 days in GLACIER_IR before a DEEP_ARCHIVE transition; got 100',
      },
    ]);
  });

  test('GIVEN several tiers too close WHEN checked THEN every problem is reported, each against the days as given', () => {
    expect(tierProblems({ hotDays: 30, coolDays: 45, archiveDays: 70 }).map((p) => p.tier)).toEqual(['coolDays', 'archiveDays']);
    expect(tierProblems({ hotDays: 30, coolDays: 30, archiveDays: 20 }).map((p) => p.message)).toEqual([expect.stringMatching(/got 30$/), expect.stringMatching(/after coolDays \(30\).*got 20$/)]);
  });

  test('GIVEN hotDays under 30 WHEN checked THEN hotDays is named: S3 moves nothing to STANDARD_IA sooner', () => {
    expect(tierProblems({ hotDays: 20, coolDays: 90, archiveDays: 365 })).toEqual([
      { tier: 'hotDays', message: 'must be at least 30, because S3 moves nothing to STANDARD_IA sooner; got 20' },
    ]);
  });

  test('GIVEN a day that is not a positive whole number WHEN checked THEN that tier is named and no gap is checked against it', () => {
    expect(tierProblems({ hotDays: 30, coolDays: 90.5, archiveDays: 100 })).toEqual([{ tier: 'coolDays', message: 'must be a positive whole number of days, got 90.5' }]);
    expect(tierProblems({ hotDays: 0, coolDays: 90, archiveDays: 365 })).toEqual([{ tier: 'hotDays', message: 'must be a positive whole number of days, got 0' }]);
  });
});

describe('tierSchedule', () => {
  test('GIVEN the default tiers 30/90/365 WHEN scheduled THEN STANDARD_IA, GLACIER_IR, DEEP_ARCHIVE on those days', () => {
    expect(tierSchedule({ hotDays: 30, coolDays: 90, archiveDays: 365 })).toEqual([
      { storageClass: 'STANDARD_IA', days: 30 },
      { storageClass: 'GLACIER_IR', days: 90 },
      { storageClass: 'DEEP_ARCHIVE', days: 365 },
    ]);
  });

  test('GIVEN custom tiers 45/120/730 WHEN scheduled THEN those days are used', () => {
    expect(tierSchedule({ hotDays: 45, coolDays: 120, archiveDays: 730 }).map((t) => t.days)).toEqual([45, 120, 730]);
  });

  test('GIVEN coolDays less than 30 days after hotDays WHEN scheduled THEN it throws naming tiers.coolDays instead of moving the tier', () => {
    const schedule = () => tierSchedule({ hotDays: 30, coolDays: 45, archiveDays: 400 });
    expect(schedule).toThrow(LakehouseError);
    expect(schedule).toThrow('tiers.coolDays: must be at least 30 days after hotDays (30), because S3 keeps objects 30 days in STANDARD_IA before a GLACIER_IR transition; got 45');
  });

  test('GIVEN several problems WHEN scheduled THEN the message names every tier', () => {
    expect(() => tierSchedule({ hotDays: 30, coolDays: 45, archiveDays: 70 })).toThrow(/^tiers\.coolDays: .*got 45; tiers\.archiveDays: must be at least 30 days after coolDays \(45\).*got 70$/);
  });

  test('GIVEN hotDays under 30 or a fractional day WHEN scheduled THEN it throws naming the tier', () => {
    expect(() => tierSchedule({ hotDays: 20, coolDays: 90, archiveDays: 365 })).toThrow(/^tiers\.hotDays: must be at least 30/);
    expect(() => tierSchedule({ hotDays: 30, coolDays: 90.5, archiveDays: 365 })).toThrow(/^tiers\.coolDays: must be a positive whole number/);
  });
});

describe('expiryAfterTransitions', () => {
  test('GIVEN no transitions WHEN the expiry is computed THEN it is the floor', () => {
    expect(expiryAfterTransitions([], 90)).toBe(90);
  });

  test('GIVEN a last transition to DEEP_ARCHIVE at 365 WHEN the floor is 90 THEN the expiry waits out the 180-day minimum storage: 545', () => {
    expect(MINIMUM_STORAGE_DAYS.DEEP_ARCHIVE).toBe(180);
    expect(expiryAfterTransitions(tierSchedule({ hotDays: 30, coolDays: 90, archiveDays: 365 }), 90)).toBe(545);
  });

  test('GIVEN a floor later than the last tier plus its minimum WHEN computed THEN the floor wins', () => {
    expect(expiryAfterTransitions([{ storageClass: 'STANDARD_IA', days: 30 }], 400)).toBe(400);
  });
});
