import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fonts Aura ships in `assets/fonts/` (DejaVu Sans, licence beside them). */
export interface Fonts {
  regular: string;
  bold: string;
}

const REGULAR = 'DejaVuSans.ttf';
const BOLD = 'DejaVuSans-Bold.ttf';

/**
 * Finds `assets/fonts/` by walking up from this module (source tree, `dist/node/...` build) and,
 * in a packaged app, beside its resources. Undefined when the shipped font is missing.
 */
export function findFonts(env: NodeJS.ProcessEnv = process.env): Fonts | undefined {
  const roots: string[] = [];
  if (env.AURA_ASSETS_DIR) roots.push(env.AURA_ASSETS_DIR);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) roots.push(join(resources, 'assets'), join(resources, 'app.asar.unpacked', 'assets'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    roots.push(join(dir, 'assets'));
    dir = dirname(dir);
  }
  for (const root of roots) {
    const regular = join(root, 'fonts', REGULAR);
    if (existsSync(regular)) {
      const bold = join(root, 'fonts', BOLD);
      return { regular, bold: existsSync(bold) ? bold : regular };
    }
  }
  return undefined;
}
