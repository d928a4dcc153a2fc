import { fileURLToPath } from 'node:url';

/** The repository root, so that paths from the route table and `frontend/build` resolve wherever cdk runs. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
