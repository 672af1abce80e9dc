import { buildTemplate, dropTemplate } from './databases.js';

// One globalSetup per database kind (globalSetup runs in the main process, without project env).
export function setupFor(kind: 'pglite' | 'postgres') {
  return async function setup() {
    await buildTemplate(kind);
    return async () => {
      await dropTemplate(kind);
    };
  };
}
