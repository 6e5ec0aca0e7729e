/** Checks shared by the metrics parsers: a value must be a finite number in the metric's range. */
import type { FieldPath, Problem } from '../needs/problem';
import type { KnownMetric } from './known-metrics';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value for messages: strings quoted and cut, containers named. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/**
 * The value as a number, or undefined after pushing the problem: NaN, ±Infinity (as numbers or
 * as the strings Prometheus and Python write), null, a non-numeric string, a negative amount, or
 * a percentage above the metric's maximum.
 */
export function checkedValue(raw: unknown, metric: KnownMetric | undefined, what: string, path: FieldPath, problems: Problem[]): number | undefined {
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  const infinity = text === '+Inf' || text === 'Inf' ? Number.POSITIVE_INFINITY : text === '-Inf' ? Number.NEGATIVE_INFINITY : undefined;
  const value = typeof raw === 'number' ? raw : infinity ?? (text !== undefined && text !== '' ? Number(text) : Number.NaN);
  if (Number.isNaN(value)) {
    const nan = raw === 'NaN' || (typeof raw === 'number' && Number.isNaN(raw));
    problems.push({ path, message: nan ? `${what} is NaN: no measurement; drop the sample or fix the exporter (a NaN would poison every average)` : `${what} must be a number, got ${describe(raw)}` });
    return undefined;
  }
  if (!Number.isFinite(value)) {
    problems.push({ path, message: `${what} is ${value > 0 ? '+' : '-'}Infinity: not a measurement` });
    return undefined;
  }
  if (value < 0) {
    problems.push({ path, message: `${what} is ${value}; ${metric?.name ?? 'the metric'} cannot be negative` });
    return undefined;
  }
  if (metric?.max !== undefined && value > metric.max) {
    problems.push({ path, message: `${what} is ${value}; ${metric.name} is a percentage from 0 to ${metric.max}` });
    return undefined;
  }
  return value;
}
