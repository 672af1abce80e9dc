import { setupFor } from './global-setup.js';
export default setupFor('pglite');
