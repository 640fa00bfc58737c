import { loadResolverModule } from '../runtime/sandbox.ts';
import type { ResolverModule } from '../runtime/types.ts';

/** Loads each resolver file once: bundled by the one bundler, then evaluated in the sandbox. */
export function runResolverLoader(bundle: (codePath: string) => string): (codePath: string) => ResolverModule {
  const cache = new Map<string, ResolverModule>();
  return (codePath) => {
    const cached = cache.get(codePath);
    if (cached) return cached;
    const module = loadResolverModule(bundle(codePath), codePath);
    cache.set(codePath, module);
    return module;
  };
}
