/** True for a unique-index violation (MongoDB and FerretDB both answer code 11000). */
export { isDuplicateKey } from '../../platform/database/insert-once.js';
