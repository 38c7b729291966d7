// A worker_threads entry point: registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pp-worker.ts');
