/**
 * A separate process running the real pipeline for the kill -9 test:
 * `node --import tsx pipeline-child.ts DATA_DIR SPEC_JSON`. Prints every engine event as a JSON line.
 */
import { readFileSync } from 'node:fs';
import { RenderSpecSchema } from '../../../src-shared/spec.js';
import { startPipelineEngine } from './pipeline-engine.js';

const [dataDir, specPath] = process.argv.slice(2);
if (!dataDir || !specPath) throw new Error('usage: pipeline-child.ts DATA_DIR SPEC_JSON');
const engine = await startPipelineEngine(dataDir, { maxParallelScenes: 1 });
engine.subscribe((event) => process.stdout.write(JSON.stringify(event) + '\n'));
await engine.create(RenderSpecSchema.parse(JSON.parse(readFileSync(specPath, 'utf8'))));
