// Source specificity: a curated entry should cite the page that states its fact. A repository root
// or a site's home page says nothing about a port by itself, so the data tests cap how many
// entries may rely on one (README, "Curated knowledge").

/** Hosts whose first two path segments name a repository (owner/repo). */
const FORGES: ReadonlySet<string> = new Set(["github.com", "gitlab.com", "www.github.com"]);

/**
 * True when `url` is a home page or a repository root: an empty path or "/", or on github.com and
 * gitlab.com only owner/repo, optionally followed by /tree/BRANCH. A README or docs file inside
 * the repository (/blob/BRANCH/README.md) is specific.
 */
export function isRootSource(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const segments = parsed.pathname.split("/").filter((s) => s !== "");
  if (FORGES.has(parsed.hostname.toLowerCase())) {
    if (segments.length <= 2) return true;
    // owner/repo/tree/BRANCH (gitlab: owner/repo/-/tree/BRANCH)
    const rest = segments[2] === "-" ? segments.slice(3) : segments.slice(2);
    return rest[0] === "tree" && rest.length <= 2;
  }
  return segments.length === 0;
}

/** The share of `sources` that are roots (0 for none). */
export function rootShare(sources: readonly string[]): number {
  if (sources.length === 0) return 0;
  return sources.filter(isRootSource).length / sources.length;
}
