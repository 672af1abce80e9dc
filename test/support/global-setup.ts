import { randomBytes } from 'node:crypto';
import { buildTemplate, dropTemplate } from './databases.js';

// One globalSetup per database kind (globalSetup runs in the main process, without project env).
export function setupFor(kind: 'pglite' | 'postgres') {
  return async function setup() {
    // Workers are forked after global setup and inherit this.
    process.env.KAM_TEST_RUN ??= `${process.pid}${randomBytes(3).toString('hex')}`;
    await buildTemplate(kind);
    return async () => {
      await dropTemplate(kind);
    };
  };
}
