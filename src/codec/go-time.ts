/** metav1.Time and MicroTime in their JSON forms: RFC 3339 in UTC, to the second or to the microsecond. */
import { boundedMemo } from './bounded-memo.js';

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const datePart = boundedMemo(formatDatePart);

function formatDatePart(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new RangeError(`time out of range: ${seconds} seconds`);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
}

/** `2006-01-02T15:04:05Z`: metav1.Time drops sub-second precision in JSON. */
export function formatTime(instant: Instant): string {
  return `${datePart(instant.seconds)}Z`;
}

/** `2006-01-02T15:04:05.000000Z`: metav1.MicroTime keeps microseconds, always six digits. */
export function formatMicroTime(instant: Instant): string {
  return `${datePart(instant.seconds)}.${pad(Math.floor(instant.nanos / 1000), 6)}Z`;
}

export function parseTime(text: string): Instant {
  const match = rfc3339.exec(text);
  if (match === null) throw new Error(`'${text}' is not an RFC 3339 time`);
  const [, year, month, day, hour, minute, second, fraction, zone] = match as unknown as string[];
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
  let seconds = date.getTime() / 1000;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    seconds -= sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  const nanos = fraction === undefined ? 0 : Number(fraction.padEnd(9, '0'));
  return { seconds, nanos };
}
