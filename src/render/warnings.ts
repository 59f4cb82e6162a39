/** Warnings about decoded values, phrased for a person and printed once per run. */
import type { UnknownFieldReport } from '../codec/decode-message.js';
import { unknownFieldsKey } from '../codec/decode-message.js';

export function unknownFieldsWarning(reports: readonly UnknownFieldReport[], where: readonly string[]): string | undefined {
  if (reports.length === 0) return undefined;
  const distinct = [...new Set(reports.map((r) => `${r.message.split('.').pop()} field ${r.field} (${r.wireType})`))];
  const listed = distinct.slice(0, 5).join(', ') + (distinct.length > 5 ? `, and ${distinct.length - 5} more` : '');
  const places = where.length === 1 ? where[0] : `${where.length} values`;
  return `${places}: ${reports.length} field(s) unknown to kubectl-etcd's schema: ${listed}. ` +
    `They are shown under '${unknownFieldsKey}'; the cluster is probably newer than this kubectl-etcd.`;
}
