// The import-jobs answers name their entity from a fixed list (import/schemas.ts, which the web's
// compile-time contract reads); it must be the registry's, so a new importable entity is named
// there too — and then the web's import page must offer it, or the contract fails the build.
import { describe, expect, it } from 'vitest';
import { importEntities } from '../../src/server/import/registry.js';
import { IMPORT_ENTITY_NAMES } from '../../src/server/import/schemas.js';

describe('importable entities', () => {
  it('are the same in the registry and in the answers of the import API', () => {
    expect(importEntities().map((e) => e.name)).toEqual([...IMPORT_ENTITY_NAMES]);
  });
});
