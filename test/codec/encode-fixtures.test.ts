/**
 * The encoder against Kubernetes' own serialization: encoding each fixture's .json must reproduce its .pb byte for
 * byte (the bytes the API server stores), or for old data whose type changed since, the .after_roundtrip.pb that
 * current Kubernetes writes.
 */
import { describe, expect, it } from 'vitest';
import { encodeObject } from '../../src/codec/encode.js';
import type { JsonObject } from '../../src/codec/value.js';
import { fixtureTypeMeta, hasFixtures, listFixtures, missingFixturesReason, readAcceptedForms, readFixture } from '../fixtures.js';

describe.skipIf(!hasFixtures)(`encoding Kubernetes fixtures${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  // WatchEvent is stored with an empty type; its envelope cannot be rebuilt from the object alone.
  const fixtures = listFixtures().filter((fixture) => !fixture.name.startsWith('core.v1.WatchEvent'));

  it.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s encodes to its .pb', (_id, fixture) => {
    const object = JSON.parse(readFixture(fixture, 'json').toString('utf8')) as JsonObject;
    const typeMeta = fixtureTypeMeta(fixture);
    const encoded = encodeObject({ ...object, apiVersion: object.apiVersion ?? typeMeta.apiVersion, kind: object.kind ?? typeMeta.kind });
    const forms = readAcceptedForms(fixture, 'pb').map((form) => form.toString('hex'));
    const actual = Buffer.from(encoded).toString('hex');
    expect(forms).toContain(actual);
  });
});
