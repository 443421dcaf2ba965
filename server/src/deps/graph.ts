import { findPackageFrom, packagesByLocation, type InstalledPackage, type InstalledTree } from './installed';

/** How a package got into the tree: `production` ships (reached from `dependencies`), `development` only from `devDependencies`. */
export type DependencyScope = 'production' | 'development' | 'unused';

export interface DependencyPlace {
  scope: DependencyScope;
  /** Named in the project's own package.json. */
  direct: boolean;
  /** Shortest chain from the project's package.json to it, names only, itself last: `['knex', 'pg']`. */
  path: string[];
  /** Locations of the installed packages it depends on (resolved as Node would). */
  dependsOn: string[];
}

/**
 * Places every installed package in the dependency graph: production packages are those reached
 * from the project's `dependencies` (and optional and peer ones) through what each package
 * needs at run time; the rest reached from `devDependencies` are development only. Paths are
 * shortest chains, found breadth first in name order, so the same tree gives the same paths.
 */
export function placeDependencies(tree: InstalledTree): Map<string, DependencyPlace> {
  const byLocation = packagesByLocation(tree.packages, tree.links);
  const edges = new Map<string, string[]>();
  for (const pkg of tree.packages) {
    const targets = pkg.dependencies.map((name) => findPackageFrom(pkg.location, name, byLocation)?.location).filter((l): l is string => !!l);
    edges.set(pkg.location, [...new Set(targets)]);
  }
  const rootEdges = (names: string[]) => names.map((name) => findPackageFrom('', name, byLocation)?.location).filter((l): l is string => !!l);
  const production = breadthFirst(rootEdges(tree.manifest.production), edges, byLocation);
  const development = breadthFirst(rootEdges(tree.manifest.development), edges, byLocation);
  const directNames = new Set([...tree.manifest.production, ...tree.manifest.development]);

  const places = new Map<string, DependencyPlace>();
  for (const pkg of tree.packages) {
    const scope: DependencyScope = production.has(pkg.location) ? 'production' : development.has(pkg.location) ? 'development' : 'unused';
    const parents = scope === 'production' ? production : development;
    const chain: string[] = [];
    for (let at: string | undefined = pkg.location; at !== undefined && scope !== 'unused'; at = parents.get(at) ?? undefined) chain.unshift(byLocation.get(at)!.name);
    places.set(pkg.location, {
      scope,
      // Reached first from the project's own package.json (through a link, in pnpm's layout).
      direct: scope !== 'unused' && parents.get(pkg.location) === null && directNames.has(pkg.name),
      path: scope === 'unused' ? [pkg.name] : chain,
      dependsOn: edges.get(pkg.location) ?? [],
    });
  }
  return places;
}

/** Location → the location it was first reached from (null for the starting ones). */
function breadthFirst(starts: string[], edges: ReadonlyMap<string, string[]>, byLocation: ReadonlyMap<string, InstalledPackage>): Map<string, string | null> {
  const parent = new Map<string, string | null>();
  const byName = (a: string, b: string) => byLocation.get(a)!.name.localeCompare(byLocation.get(b)!.name);
  let frontier = [...new Set(starts)].sort(byName);
  for (const start of frontier) parent.set(start, null);
  while (frontier.length) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const to of [...(edges.get(at) ?? [])].sort(byName)) {
        if (parent.has(to)) continue;
        parent.set(to, at);
        next.push(to);
      }
    }
    frontier = next;
  }
  return parent;
}
