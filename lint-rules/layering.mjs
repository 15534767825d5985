import fs from "node:fs";
import path from "node:path";

/**
 * The project's layering, held by the linter rather than by memory:
 * - a client component ("use client") must not import a module marked `import "server-only"`
 *   (the database, services, the job queue, secrets); it may import contracts, pure lib/ modules
 *   and components. Type-only imports are erased, so they are allowed.
 *
 * (drizzle-orm outside db/ is refused with `no-restricted-imports` in eslint.config.mjs.)
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.tsx"];
const SERVER_ONLY_MARKER = /^\s*import\s+["']server-only["'];?\s*$/m;
const markerCache = new Map();

function resolveModule(fromFile, source) {
  let base;
  if (source.startsWith("@/")) base = path.join(ROOT, source.slice(2));
  else if (source.startsWith(".")) base = path.resolve(path.dirname(fromFile), source);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function isServerOnly(file) {
  if (!markerCache.has(file)) markerCache.set(file, SERVER_ONLY_MARKER.test(fs.readFileSync(file, "utf8")));
  return markerCache.get(file);
}

function isClientModule(program) {
  const first = program.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
}

const noServerModuleInClient = {
  meta: {
    type: "problem",
    docs: { description: "A client component must not import a server-only module" },
    schema: [],
    messages: {
      serverOnly:
        "'{{source}}' is server-only (it imports \"server-only\"): a client component may import lib/<domain>/contract.ts, pure lib/ modules and components/. Put what both sides need in the domain's contract.ts, or fetch it through the API.",
    },
  },
  create(context) {
    let client = false;
    const check = (node) => {
      if (!client || !node.source || node.importKind === "type" || node.exportKind === "type") return;
      const source = String(node.source.value);
      if (source === "server-only") return context.report({ node, messageId: "serverOnly", data: { source } });
      const resolved = resolveModule(context.filename, source);
      if (resolved && isServerOnly(resolved)) context.report({ node, messageId: "serverOnly", data: { source } });
    };
    return {
      Program(program) {
        client = isClientModule(program);
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

const layering = { meta: { name: "marquee-layering" }, rules: { "no-server-module-in-client": noServerModuleInClient } };
export default layering;
