/** The e2e tests poll with the same helper as every other test. */
export { waitUntil } from '../helpers/wait.js';
