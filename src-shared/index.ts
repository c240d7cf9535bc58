export * from './constants.js';
export * from './spec.js';
export * from './job.js';
export * from './events.js';
export * from './settings.js';
export * from './problem.js';
export * from './queue.js';
export type * from './bridge.js';
export * from './farm.js';
