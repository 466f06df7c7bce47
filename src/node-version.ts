// The Node versions portbot runs on, as package.json's `engines` says: the entries run only when
// `import.meta.main` is true, which Node has from 22.18 (22.x) and 24.2. On an older Node it is
// undefined, and the bot would exit 0 having done nothing; the entries say this instead.
export const NODE_ENGINES = "^22.18.0 || >=24.2.0";

export function unsupportedNode(version: string = process.version): string {
  return `portbot needs Node.js ${NODE_ENGINES}; this is ${version}. Install Node 24 LTS (or run it through npm scripts after npm ci, which use the Node 24 in node_modules/.bin).\n`;
}
