/**
 * The published annotations schema, compiled as the app's reader compiles it (json-guard.ts),
 * to check a native JSON the app wrote. Read from disk: Node will not import a JSON module
 * without an import attribute, so the reader itself (annotations-import.ts) cannot be loaded
 * in a Playwright test.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { expect } from '@playwright/test';
import type { AnnotationsExport } from '../../src/core/exports/export-json-format';

const validate = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  discriminator: true,
}).compile(
  JSON.parse(
    readFileSync(
      new URL('../../src/core/schemas/annotations.schema.json', import.meta.url),
      'utf8',
    ),
  ) as object,
);

/** A package's file parsed as a native JSON export, failing the test unless the schema holds. */
export function validAnnotations(bytes: Uint8Array | undefined, what: string): AnnotationsExport {
  expect(bytes, what).toBeDefined();
  const json = JSON.parse(new TextDecoder().decode(bytes)) as AnnotationsExport;
  validate(json);
  expect(validate.errors ?? [], what).toEqual([]);
  expect(json.format).toBe('framewise.annotations');
  return json;
}
